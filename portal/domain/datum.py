"""Dates as a Dutch letter writes them ("1 december 2026"), not as a form field does."""

from __future__ import annotations

from datetime import date

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def voluit(dag: date) -> str:
    """'1 december 2026': the day without a leading zero, the month in words."""
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"
