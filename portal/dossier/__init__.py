"""Leerlingdossier (art. 4): personalia, enrolments, status, signals and the werklogboek."""
