"""Inlichtingenbureau: the monthly VSV list out, back with income classes (art. 9a)."""
