"""Veilig Thuis: an anonymous adviesvraag, or a melding (meldcode, art. 16-17)."""
