"""Logs and traces: what an operator sees, and never a BSN, name or address."""
