"""Leerlingenadministratie: jongeren, scholen, inschrijvingen, diplomas, imports and controls."""
