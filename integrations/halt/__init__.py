"""Halt: Halt-verwijzingen (art. 6.8-6.9); the afdoening comes back on the callback of API.md."""
