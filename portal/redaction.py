"""Which fields hold personal or Wpg data, for everything that must not show them: log lines, and
the functioneel beheerder's view of an outbox message."""

from __future__ import annotations

from typing import Any

PERSONAL_KEYS = frozenset(
    {
        "bsn",
        "naam",
        "name",
        "voornamen",
        "voorvoegsel",
        "geslachtsnaam",
        "achternaam",
        "adres",
        "address",
        "straat",
        "postcode",
        "huisnummer",
        "woonplaats",
        "geboortedatum",
        "telefoon",
        "email",
        "ouder1_naam",
        "ouder2_naam",
        "ouder1_bsn",
        "ouder2_bsn",
    }
)
# Wpg data (toelichting 4): a proces-verbaal's number names a criminal record; only a BOA sees it.
WPG_KEYS = frozenset({"pv_nummer", "proces_verbaal_nummer"})
MASK = "[afgeschermd]"


def mask(value: Any) -> Any:
    """A copy of `value` with every personal field replaced, at any depth."""
    if isinstance(value, dict):
        return {
            k: MASK if k.lower() in PERSONAL_KEYS | WPG_KEYS else mask(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [mask(v) for v in value]
    return value
