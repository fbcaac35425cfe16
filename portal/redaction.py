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
GEHEEL_AFGESCHERMD = frozenset({"veilig_thuis", "om", "raad_kinderbescherming", "halt"})
"""Partners whose every message is special-category (the meldcode: health, safety) or Wpg data (a
proces-verbaal, a referral): their content is masked whole, but for the ids and dates a
beheerder needs to trace a message."""
_SPOOR = ("_id", "gemeentecode", "datum", "_op", "_per")


def mask(value: Any, *, geheel: bool = False) -> Any:
    """A copy of `value` with every personal field replaced, at any depth; `geheel` replaces every
    field but the message's ids and dates."""
    if isinstance(value, dict):
        return {k: _veld(k, v, geheel) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v, geheel=geheel) for v in value]
    return MASK if geheel else value


def _veld(key: str, value: Any, geheel: bool) -> Any:
    if key.lower() in PERSONAL_KEYS | WPG_KEYS:
        return MASK
    if isinstance(value, dict | list):
        return mask(value, geheel=geheel)
    return value if not geheel or key.endswith(_SPOOR) else MASK


def mask_bericht(partner: str, payload: Any) -> Any:
    """An outbox message's content as the functioneel beheerder may see it."""
    return mask(payload, geheel=partner in GEHEEL_AFGESCHERMD)
