"""Shared setup for the verzuim tests: a school, pupils enrolled at it, a melding body."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import msgspec

from portal.administratie.service import import_file
from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from portal.clock import SystemClock, vandaag
from portal.db.pool import Database
from tests.administratie.test_imports import BRP_HEADER, new_bsn, write
from tests.conftest import AMSTERDAM, UserFactory, bearer

VANDAAG = vandaag(SystemClock())  # Amsterdam's date, as the portal's clock gives it
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


class Gemeld(msgspec.Struct, frozen=True):
    bsn: str
    melding: str
    school: Principal


async def leerling_met_melding(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    folder: Path,
    *,
    brin: str,
    school: str,
    onderwijssoort: str,
    voornaam: str,
    achternaam: str,
    leeftijd: int,
    uren: int = 18,
    team: str = "Zuid",
    **melding_velden: Any,
) -> Gemeld:
    """A school in Amsterdam (team Zuid unless named), a resident pupil of `leeftijd` enrolled
    there, and the school's 16-uur melding about that pupil, made through the API."""
    await import_file(
        db,
        "scholen",
        write(
            folder,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            f"{brin};00;{school};{onderwijssoort};0363;{team}",
        ),
        tenant_id=None,
    )
    number = new_bsn()
    geboren = VANDAAG.replace(year=VANDAAG.year - leeftijd) - timedelta(days=40)
    await import_file(
        db,
        "brp",
        write(
            folder,
            "b.csv",
            BRP_HEADER,
            f"{number};{voornaam};;{achternaam};{geboren.isoformat()};V;0363;1011AB;1;Amsterdam;{team};"
            f"111222333;P. {achternaam};;",
        ),
        tenant_id=AMSTERDAM,
    )
    await import_file(
        db,
        "inschrijvingen",
        write(folder, "i.csv", INS, f"{number};{brin};00;{onderwijssoort};1;2024-08-01;"),
        tenant_id=AMSTERDAM,
    )
    user = await make_user(AMSTERDAM, Role.SCHOOL, brin=brin)
    created = await client.post(
        "/api/v1/meldingen",
        json=melding(number, brin=brin, verzuimde_uren=uren, **melding_velden),
        headers=bearer(tokens, user),
    )
    assert created.status_code == 201, created.text
    return Gemeld(number, created.json()["id"], user)


async def meldingen_reeks(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    folder: Path,
    aantal: int,
    *,
    brins: list[str],
    voornaam: str,
    achternaam: str,
    team: str = "Zuid",
) -> list[Gemeld]:
    """`aantal` thirteen-year-olds `{voornaam}{n} {achternaam}`, each with a melding, in order
    (the n-th at `brins[n]`, or all at one school when one BRIN is given)."""
    gemeld = []
    for n in range(aantal):
        (folder / f"{voornaam}{n}").mkdir()
        gemeld.append(
            await leerling_met_melding(
                db,
                client,
                tokens,
                make_user,
                folder / f"{voornaam}{n}",
                brin=brins[n % len(brins)],
                school=f"School {brins[n % len(brins)]}",
                onderwijssoort="vmbo",
                voornaam=f"{voornaam}{n}",
                achternaam=achternaam,
                leeftijd=13,
                team=team,
            )
        )
    return gemeld
