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
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, new_bsn, write

VANDAAG = vandaag(SystemClock())  # Amsterdam's date, as the portal's clock gives it


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


# Steps that put a verslag in the dossier; the tests give one unless they test its absence.
VERSLAG_NODIG = {
    "gesprek_voeren": "Gesprek met moeder en jongere: verzuim door slaapproblemen.",
    "contact_ouders": "Vader belde terug; advies: inschrijven bij de buurtschool.",
    "contact_school": "De vorige school zag het vertrek aankomen.",
    "advies_controleren": "Bij DUO nagevraagd.",
    "proces_verbaal_opmaken": "Het verzuim ging na de waarschuwing door; op het verhoor erkende"
    " moeder dat zij haar dochter thuishield.",
    "raad_kinderbescherming_raadplegen": "Welke route raadt het Adviesteam aan voor dit gezin?",
}


async def step(
    client: httpx.AsyncClient,
    tokens: TokenService,
    who: Principal,
    zaak: str,
    actie: str,
    **extra: Any,
) -> httpx.Response:
    if actie in VERSLAG_NODIG:
        extra["vaststellingen"] = {
            "verslag": VERSLAG_NODIG[actie],
            **extra.get("vaststellingen", {}),
        }
    return await client.post(
        f"/api/v1/zaken/{zaak}/stappen", json={"actie": actie, **extra}, headers=bearer(tokens, who)
    )


async def tot_gesprek(
    client: httpx.AsyncClient, tokens: TokenService, who: Principal, melding: str
) -> str:
    """Open a case on the melding and take it through beoordelen, uitnodigen and the gesprek."""
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": melding}, headers=bearer(tokens, who)
    )
    assert opened.status_code == 201, opened.text
    zaak: str = opened.json()["id"]
    for actie in ("beoordelen", "uitnodigen", "gesprek_voeren"):
        assert (await step(client, tokens, who, zaak, actie)).status_code == 200
    return zaak


async def referred(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> tuple[str, Principal]:
    boa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid", boa=True)
    zaak = await tot_gesprek(client, tokens, boa, case["melding"])
    done = await step(
        client,
        tokens,
        boa,
        zaak,
        "halt_verwijzen",
        vaststellingen={
            "verwijtbaar": True,
            "toestemming_jongere": True,
            "toestemming_ouders": True,
            "pv_nummer": "PV-9",
        },
    )
    assert done.status_code == 200
    return zaak, boa
