"""The leerplichtambtenaar's procedure for verlof beyond 10 schooldagen (art. 5.1-5.8, 5.11;
DOMAIN §6). Each step is one transaction with its record, audit event and letter: the receipt
states the decision term (8 weeks) and warns when the leave starts before it (copy to the
director); an incomplete application gets a hersteltermijn of one to three weeks; the director is
heard; a decision that departs from the request needs the parents' zienswijze first; the decision
letter carries the bezwaar clause (copy to the director); a bezwaar is registered for the
commissie voor bezwaarschriften. The preconditions are pure (`portal/domain/verlof.py`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec

from portal.audit.log import record
from portal.brieven.service import Schoolperiode, opstellen
from portal.clock import ZONE
from portal.db.paging import STANDAARD, Pagina, gelezen_pagina, lees_cursor
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.personen import Jongere
from portal.domain.verlof import (
    begint_voor_besluit,
    beslistermijn,
    besluit_fout,
    hersteltermijn,
)
from portal.domain.woorden import VERLOF_GRONDEN, VERLOF_STAPPEN
from portal.dossier.werklog import werklog
from portal.problems import FieldError, conflict, unprocessable

Actie = Literal[
    "ontvangst_bevestigen",
    "herstel_vragen",
    "directeur_horen",
    "zienswijze_vragen",
    "besluiten",
    "bezwaar_registreren",
]
Tekst = Annotated[str, msgspec.Meta(max_length=5000)]


class Stap(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    actie: Actie
    verslag: Tekst | None = None
    """What the director said, the parents' zienswijze, what is missing, the bezwaar."""
    weken: Annotated[int, msgspec.Meta(ge=1, le=3)] | None = None
    besluit: Literal["verleend", "geweigerd"] | None = None
    schooldagen: Annotated[int, msgspec.Meta(ge=0, le=366)] | None = None
    motivering: Tekst | None = None
    ontvangen_op: date | None = None


class Procedure(msgspec.Struct, frozen=True):
    id: UUID
    status: str
    grond: str
    eerste_dag: date
    laatste_dag: date
    schooldagen: int
    waarschuwingen: list[str]
    ingediend_op: datetime
    beslistermijn: date
    begint_voor_besluit: bool
    stappen: list[str]
    hersteltermijn_tot: date | None
    besluit_schooldagen: int | None
    motivering: str | None
    brieven: list[str] = msgspec.field(default_factory=list)
    jongere_id: UUID | None = None
    naam: str | None = None
    """The pupil's name when the dossier is in this gemeente."""
    brin: str | None = None
    school: str | None = None
    ingediend_door: str | None = None
    """The school's staff member who submitted it."""
    toelichting: str | None = None
    """The grounds as the school and parents gave them."""
    buitenland: bool = False
    graad: int | None = None
    """For a family event: the degree of kinship (1st to 4th)."""
    advies_vraag: str | None = None
    advies: str | None = None
    ontvangst_bevestigd_op: date | None = None
    bezwaar_ontvangen_op: date | None = None
    kenmerk: str | None = None
    """"Ons kenmerk" of the application (VL-2026-00012), on its letters."""


async def lijst(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[Procedure]:
    """The applications the leerplichtambtenaar decides: open ones first, oldest first."""
    na = lees_cursor(cursor, "verlof", int, datetime, UUID)
    async with ctx.tx(purpose="verlof") as tx:
        rows = await tx.conn.fetch(
            _SELECT + " AND ($1::int IS NULL OR"
            " ((v.status <> 'in_behandeling')::int, v.ingediend_op, v.id) > ($1, $2, $3))"
            " ORDER BY v.status <> 'in_behandeling', v.ingediend_op, v.id LIMIT $4",
            *na,
            limit + 1,
        )
        return await gelezen_pagina(
            tx,
            "verlofaanvraag",
            rows,
            limit,
            "verlof",
            lambda r: (int(r["status"] != "in_behandeling"), r["ingediend_op"], r["id"]),
            _uit,
        )


_SELECT = """
SELECT v.*, j.id AS jongere_id,
       nullif(concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam), '') AS naam,
       (SELECT sc.naam FROM scholen sc WHERE sc.brin = v.brin ORDER BY sc.vestiging LIMIT 1)
           AS school,
       (SELECT u.naam FROM users u WHERE u.id = v.ingediend_door) AS indiener,
       coalesce((SELECT array_agg(s.actie ORDER BY s.gezet_op) FROM verlof_stappen s
                 WHERE s.aanvraag_id = v.id), '{}') AS stappen
FROM verlofaanvragen v LEFT JOIN jongeren j ON j.bsn = v.bsn
WHERE v.beslisser = 'leerplichtambtenaar'
"""


async def lees(ctx: RequestContext, aanvraag_id: UUID) -> Procedure | None:
    async with ctx.tx(purpose="verlof") as tx:
        r = await tx.conn.fetchrow(_SELECT + " AND v.id = $1", aanvraag_id)
        if r is None:
            return None
        await record(tx, "read", "verlofaanvraag", aanvraag_id, jongere_id=r["jongere_id"])
    return _uit(r)


async def stap(ctx: RequestContext, aanvraag_id: UUID, verzoek: Stap) -> Procedure | None:
    async with ctx.tx(purpose="verlof") as tx:
        v = await tx.conn.fetchrow(_SELECT + " AND v.id = $1 FOR UPDATE OF v", aanvraag_id)
        if v is None:
            return None
        gedaan = set(v["stappen"])
        if v["status"] != "in_behandeling" and verzoek.actie != "bezwaar_registreren":
            raise conflict("Over deze aanvraag is al besloten.")
        brieven = await _uitvoeren(tx, v, gedaan, verzoek)
        await tx.conn.execute(
            "INSERT INTO verlof_stappen (tenant_id, aanvraag_id, actie, verslag)"
            " VALUES ($1, $2, $3, $4)",
            tx.tenant_id,
            aanvraag_id,
            verzoek.actie,
            verzoek.verslag or verzoek.motivering,
        )
        if v["jongere_id"] is not None:
            tekst = VERLOF_STAPPEN.get(verzoek.actie, verzoek.actie)
            if verzoek.verslag:
                tekst += f": {verzoek.verslag}"
            await werklog(tx, v["jongere_id"], "Verlofaanvraag", tekst, False)
        await record(
            tx,
            "update",
            "verlofaanvraag",
            aanvraag_id,
            jongere_id=v["jongere_id"],
            detail={"actie": verzoek.actie},
        )
        nieuw = await tx.conn.fetchrow(_SELECT + " AND v.id = $1", aanvraag_id)
    return msgspec.structs.replace(_uit(nieuw), brieven=brieven)


def _nodig(veld: str, waarde: object, reden: str) -> None:
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        raise unprocessable([FieldError(veld, reden)])


async def _uitvoeren(tx: Tx, v: Any, gedaan: set[str], verzoek: Stap) -> list[str]:
    """The step's own change and letter; a precondition broken is a 409 with its article."""
    vandaag = tx.vandaag
    ontvangen = v["ingediend_op"].astimezone(ZONE).date()
    if verzoek.actie == "ontvangst_bevestigen":
        if "ontvangst_bevestigen" in gedaan:
            raise conflict("De ontvangst is al bevestigd.")
        await tx.conn.execute(
            "UPDATE verlofaanvragen SET ontvangst_bevestigd_op = $2 WHERE id = $1", v["id"], vandaag
        )
        extra = {
            "ontvangen": ontvangen,
            "beslistermijn": beslistermijn(ontvangen),
            "begint_voor_besluit": begint_voor_besluit(v["eerste_dag"], ontvangen),
        }
        return await _brief(tx, v, "ontvangstbevestiging_verlof", extra)
    if verzoek.actie == "herstel_vragen":
        _nodig("verslag", verzoek.verslag, "zeg wat er ontbreekt")
        _nodig("weken", verzoek.weken, "art. 5.2: een hersteltermijn van één tot drie weken")
        assert verzoek.weken is not None
        tot = hersteltermijn(vandaag, verzoek.weken)
        await tx.conn.execute(
            "UPDATE verlofaanvragen SET hersteltermijn_tot = $2 WHERE id = $1", v["id"], tot
        )
        return await _brief(
            tx, v, "hersteltermijn_verlof", {"ontbreekt": verzoek.verslag, "hersteltermijn": tot}
        )
    if verzoek.actie in ("directeur_horen", "zienswijze_vragen"):
        _nodig("verslag", verzoek.verslag, "leg vast wat er gezegd is")
        return []
    if verzoek.actie == "besluiten":
        _nodig("besluit", verzoek.besluit, "verleend of geweigerd")
        _nodig("motivering", verzoek.motivering, "een besluit wordt gemotiveerd")
        dagen = verzoek.schooldagen if verzoek.besluit == "verleend" else 0
        if verzoek.besluit == "verleend":
            _nodig("schooldagen", verzoek.schooldagen, "hoeveel schooldagen worden verleend")
            assert dagen is not None
            if dagen > v["schooldagen"]:
                raise unprocessable(
                    [FieldError("schooldagen", "niet meer schooldagen verlenen dan aangevraagd")]
                )
        afwijkend = verzoek.besluit == "geweigerd" or (dagen or 0) < v["schooldagen"]
        fout = besluit_fout(
            gehoord="directeur_horen" in gedaan,
            afwijkend=afwijkend,
            zienswijze="zienswijze_vragen" in gedaan,
            bevestigd="ontvangst_bevestigen" in gedaan,
        )
        if fout:
            raise conflict(fout)
        await tx.conn.execute(
            "UPDATE verlofaanvragen SET status = $2, besluit_schooldagen = $3, motivering = $4,"
            " besloten_op = now(), besloten_door = current_user_id() WHERE id = $1",
            v["id"],
            verzoek.besluit,
            dagen,
            verzoek.motivering,
        )
        return await _brief(
            tx,
            v,
            "verlofbesluit",
            {
                "besluit": verzoek.besluit,
                "besluit_schooldagen": dagen,
                "motivering": verzoek.motivering,
                "zienswijze": "zienswijze_vragen" in gedaan,
            },
        )
    # bezwaar_registreren (art. 5.11): only against a decision; routed to the commissie.
    if v["status"] == "in_behandeling":
        raise conflict("Bezwaar kan alleen tegen een besluit.")
    _nodig("ontvangen_op", verzoek.ontvangen_op, "wanneer kwam het bezwaarschrift binnen")
    await tx.conn.execute(
        "UPDATE verlofaanvragen SET bezwaar_ontvangen_op = $2 WHERE id = $1",
        v["id"],
        verzoek.ontvangen_op,
    )
    return []


async def _brief(tx: Tx, v: Any, soort: str, extra: dict[str, Any]) -> list[str]:
    """The letter to the parents with a copy to the director (the school's copy)."""
    jongere = await tx.conn.fetchrow("SELECT * FROM jongeren WHERE id = $1", v["jongere_id"])
    if jongere is None:
        raise unprocessable(
            [FieldError("id", "de jongere woont in een andere gemeente: daar ligt het dossier")]
        )
    brief = await opstellen(
        tx,
        soort,
        jongere=Jongere.van(jongere),
        zaak_id=None,
        periode=Schoolperiode(v["brin"], "00", v["eerste_dag"], v["laatste_dag"]),
        kopie_school=soort != "hersteltermijn_verlof",
        kenmerk=v["kenmerk"],
        extra={
            "grond": VERLOF_GRONDEN.get(v["grond"], v["grond"]).lower(),
            "schooldagen": v["schooldagen"],
            **extra,
        },
    )
    return [str(brief)]


def _uit(r: Any) -> Procedure:
    ontvangen = r["ingediend_op"].astimezone(ZONE).date()
    return Procedure(
        id=r["id"],
        status=r["status"],
        grond=r["grond"],
        eerste_dag=r["eerste_dag"],
        laatste_dag=r["laatste_dag"],
        schooldagen=r["schooldagen"],
        waarschuwingen=list(r["waarschuwingen"]),
        ingediend_op=r["ingediend_op"],
        beslistermijn=beslistermijn(ontvangen),
        begint_voor_besluit=begint_voor_besluit(r["eerste_dag"], ontvangen),
        stappen=list(r["stappen"]),
        hersteltermijn_tot=r["hersteltermijn_tot"],
        besluit_schooldagen=r["besluit_schooldagen"],
        motivering=r["motivering"],
        jongere_id=r["jongere_id"],
        naam=r["naam"],
        brin=r["brin"],
        school=r["school"],
        ingediend_door=r["indiener"],
        toelichting=r["toelichting"] or None,
        buitenland=r["buitenland"],
        graad=r["graad"],
        advies_vraag=r["advies_vraag"],
        advies=r["advies"],
        ontvangst_bevestigd_op=r["ontvangst_bevestigd_op"],
        bezwaar_ontvangen_op=r["bezwaar_ontvangen_op"],
        kenmerk=r["kenmerk"],
    )
