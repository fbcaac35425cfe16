"""API of the administration: running the controls, the signals they found, late schools."""

from __future__ import annotations

import base64
from datetime import date
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.params import Parameter

from portal.administratie.controles import ControleResultaat, SchoolTeLaat, scholen_te_laat
from portal.administratie.service import controles_uitvoeren
from portal.audit.log import record_many
from portal.auth.guards import requires
from portal.auth.principal import Role
from portal.context import DB, CurrentPrincipal, RequestId
from portal.problems import FieldError, unprocessable

BEHEER = (Role.ADMINISTRATIEF_MEDEWERKER, Role.TEAMMANAGER)
CASEWORK = (Role.LEERPLICHTAMBTENAAR, Role.TEAMMANAGER, Role.ADMINISTRATIEF_MEDEWERKER)


class ControleVerzoek(msgspec.Struct, forbid_unknown_fields=True):
    peildatum: date | None = None


class Deadline(msgspec.Struct):
    soort: str
    omschrijving: str
    artikel: str
    uiterlijk: date
    verlopen: bool


class SignaalJongere(msgspec.Struct):
    id: UUID
    naam: str
    geboortedatum: date


class Signaal(msgspec.Struct):
    id: UUID
    soort: str
    status: str
    peildatum: date
    reden: str
    jongere: SignaalJongere
    team: str | None
    brin: str | None
    eerstvolgende_termijn: Deadline | None


class SignaalLijst(msgspec.Struct):
    items: list[Signaal]
    next_cursor: str | None


class SchoolTeLaatLijst(msgspec.Struct):
    items: list[SchoolTeLaat]
    next_cursor: str | None = None


def _encode_cursor(uiterlijk: date | None, signaal_id: UUID) -> str:
    """Keyset position: (deadline, id); signals without an open deadline sort last."""
    raw = msgspec.json.encode([(uiterlijk or date.max).isoformat(), str(signaal_id)])
    return base64.urlsafe_b64encode(raw).decode()


def _decode_cursor(cursor: str) -> tuple[date, UUID]:
    try:
        value, ident = msgspec.json.decode(base64.urlsafe_b64decode(cursor.encode()))
        return date.fromisoformat(value), UUID(ident)
    except (ValueError, TypeError, msgspec.DecodeError):
        raise unprocessable([FieldError("cursor", "onbekende cursor")]) from None


_SIGNALEN = """
SELECT s.id, s.soort, s.status, s.peildatum, s.reden, s.brin, s.jongere_id,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam, j.geboortedatum,
       t.naam AS team, d.soort AS t_soort, d.omschrijving AS t_omschrijving,
       d.artikel AS t_artikel, d.uiterlijk AS t_uiterlijk
FROM signalen s
JOIN jongeren j ON j.id = s.jongere_id
LEFT JOIN teams t ON t.id = s.team_id
LEFT JOIN LATERAL (SELECT * FROM termijnen d WHERE d.signaal_id = s.id AND d.voldaan_op IS NULL
                   ORDER BY d.uiterlijk LIMIT 1) d ON true
WHERE ($1::text IS NULL OR s.soort = $1)
  AND s.status = $2
  AND ($3::uuid IS NULL OR s.team_id = $3)
  AND ($4::date IS NULL OR (coalesce(d.uiterlijk, '9999-12-31'::date), s.id) > ($4, $5::uuid))
ORDER BY coalesce(d.uiterlijk, '9999-12-31'::date), s.id
LIMIT $6
"""


class ControlesController(Controller):
    path = "/api/v1"
    tags = ["administratie"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post("/controles", guards=[requires(*BEHEER)], status_code=200)
    async def run(
        self, data: ControleVerzoek, db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> ControleResultaat:
        """Run the controls of art. 3.4-3.8 for the caller's gemeente now."""
        peildatum = data.peildatum or date.today()
        if peildatum > date.today():
            raise unprocessable([FieldError("peildatum", "mag niet in de toekomst liggen")])
        return await controles_uitvoeren(db, peildatum, principal=principal, request_id=request_id)

    @get("/signalen", guards=[requires(*CASEWORK)])
    async def signalen(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        soort: str | None = None,
        status: Annotated[str, Parameter(pattern="^(open|afgehandeld)$")] = "open",
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        cursor: str | None = None,
    ) -> SignaalLijst:
        """Signals of the controls, nearest deadline first; a leerplichtambtenaar sees the
        signals of their own team."""
        after_date, after_id = _decode_cursor(cursor) if cursor else (None, None)
        team = (
            principal.team_id if principal.roles == frozenset({Role.LEERPLICHTAMBTENAAR}) else None
        )
        async with db.tenant_tx(principal, request_id=request_id, purpose="werkvoorraad") as tx:
            rows = await tx.conn.fetch(
                _SIGNALEN,
                soort,
                status,
                team,
                after_date,
                after_id,
                limit + 1,
            )
            page = rows[:limit]
            if page:
                await record_many(
                    tx,
                    "read",
                    "signaal",
                    [str(r["id"]) for r in page],
                    [r["jongere_id"] for r in page],
                )
        today = date.today()
        items = [
            Signaal(
                id=r["id"],
                soort=r["soort"],
                status=r["status"],
                peildatum=r["peildatum"],
                reden=r["reden"],
                jongere=SignaalJongere(r["jongere_id"], r["naam"], r["geboortedatum"]),
                team=r["team"],
                brin=r["brin"],
                eerstvolgende_termijn=Deadline(
                    r["t_soort"],
                    r["t_omschrijving"],
                    r["t_artikel"],
                    r["t_uiterlijk"],
                    r["t_uiterlijk"] < today,
                )
                if r["t_soort"]
                else None,
            )
            for r in page
        ]
        last = page[-1] if len(rows) > limit else None
        return SignaalLijst(
            items=items,
            next_cursor=_encode_cursor(last["t_uiterlijk"], last["id"]) if last else None,
        )

    @get("/scholen/te-laat", guards=[requires(*BEHEER)])
    async def te_laat(
        self, db: DB, principal: CurrentPrincipal, request_id: RequestId, sinds: date | None = None
    ) -> SchoolTeLaatLijst:
        """Schools that reported enrolments or their ends more than 7 days late."""
        begin = sinds or date(date.today().year - 1, date.today().month, 1)
        async with db.tenant_tx(principal, request_id=request_id) as tx:
            return SchoolTeLaatLijst(items=await scholen_te_laat(tx.conn, begin))
