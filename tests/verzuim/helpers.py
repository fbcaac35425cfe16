"""Shared setup for the verzuim tests: a school, pupils enrolled at it, a melding body."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from portal.auth.principal import Principal, Role
from tests.conftest import AMSTERDAM, UserFactory

VANDAAG = date.today()
INS = "bsn;brin;vestiging;onderwijssoort;leerjaar;datum_inschrijving;datum_uitschrijving"


class Pupils:
    amsterdammer: str
    zaankanter: str
    volwassene: str
    niet_hier: str


def melding(number: str, **change: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bsn": number,
        "brin": "50EE",
        "vestiging": "00",
        "soort": "16_uur_in_4_weken",
        "periode_van": (VANDAAG - timedelta(days=27)).isoformat(),
        "periode_tot": VANDAAG.isoformat(),
        "verzuimde_uren": 18,
        "verzuimde_dagen": 3,
        "alle_lessen_gemist": False,
        "vermoedelijke_reden": "Onbekend",
        "ondernomen_actie": "Mentor belde ouders op maandag",
        "actie_gemeente_gewenst": True,
        "toelichting": "",
        "melder": {
            "naam": "J. Jansen",
            "functie": "verzuimcoördinator",
            "telefoon": "020-1234567",
            "email": "verzuim@melder.example",
        },
    }
    body.update(change)
    return body


async def school_user(
    make_user: UserFactory, brin: str = "50EE", tenant: str = AMSTERDAM
) -> Principal:
    return await make_user(tenant, Role.SCHOOL, brin=brin)
