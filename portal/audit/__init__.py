"""Append-only, hash-chained record of every read and change of personal data."""
