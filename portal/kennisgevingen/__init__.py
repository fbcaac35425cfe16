"""Schools' kennisgevingen of in- and uitschrijving and (voorgenomen) verwijdering."""
