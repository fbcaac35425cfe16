"""Verlof: schools' verlofaanvragen, the director's decision, the leerplichtambtenaar's part."""
