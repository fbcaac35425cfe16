"""Pure rules of Leerplicht and RMC: no I/O, dates and records in, decisions out."""
