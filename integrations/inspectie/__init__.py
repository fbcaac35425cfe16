"""Inspectie van het Onderwijs: a signaal or melding about a school (art. 20)."""
