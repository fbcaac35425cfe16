"""Verzuim: meldingen from schools and DUO, and the werkprocessen that follow (art. 6, 7, 8)."""
