"""De Nederlandse Arbeidsinspectie: what art. 18 (with 10.5, 12.13) has the gemeente pass on."""
