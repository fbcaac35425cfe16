"""The meldcode huiselijk geweld en kindermishandeling as a werkproces (art. 17): a traject on a
jongere, started from a case or the dossier, its five steps in order (`domain/meldcode`), the
anonymous adviesvraag and the melding to Veilig Thuis through the outbox.

Who reads it is the database's rule (migration 0047): the traject's behandelaar and the
leerplichtambtenaren and teammanager of its team. Nothing of it goes to the werklogboek, which
others of the dossier read; every read and step is audited.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

import msgspec

from portal.audit.log import record
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain import meldcode as regels
from portal.domain.leerplicht import leeftijd
from portal.domain.meldcode import ORDE, SOORTEN, Stap, Uitkomst
from portal.domain.personen import Jongere
from portal.outbox.berichten import Persoon, VeiligThuisAdviesvraag, VeiligThuisMelding
from portal.outbox.store import enqueue
from portal.problems import FieldError, conflict, unprocessable


class Start(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    zaak_id: UUID | None = None
    """The case it starts from, if any (its team is the traject's)."""


class StapVerzoek(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    stap: Stap
    gegevens: dict[str, Any] = msgspec.field(default_factory=dict)
    """What the step records; its fields are those of the step (domain/meldcode)."""


class Gezet(msgspec.Struct, frozen=True):
    stap: Stap
    gegevens: dict[str, Any]
    gezet_op: datetime


class Traject(msgspec.Struct, frozen=True):
    id: UUID
    jongere_id: UUID
    zaak_id: UUID | None
    gestart_op: datetime
    stappen: list[Gezet]
    volgende: Stap | None
    """The step that comes next (None once step 5 is taken)."""
    uitkomst: Uitkomst | None
    vt_referentie: str | None = None
    """Veilig Thuis's kenmerk of the melding, once it answered."""
    vt_uitkomst: str | None = None
    """Veilig Thuis's last word on it: ontvangen, in_onderzoek, afgerond."""
    berichten: list[str] = msgspec.field(default_factory=list)
    """Outbox messages the last step queued (to Veilig Thuis)."""


async def starten(ctx: RequestContext, jongere_id: UUID, start: Start) -> Traject | None:
    """None for a jongere (or case) the caller may not see."""
    async with ctx.tx(purpose="meldcode") as tx:
        if not await tx.conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM jongeren WHERE id = $1)", jongere_id
        ):
            return None
        team = ctx.principal.team_id
        if start.zaak_id is not None:
            zaak = await tx.conn.fetchrow(
                "SELECT team_id FROM zaken WHERE id = $1 AND jongere_id = $2",
                start.zaak_id,
                jongere_id,
            )
            if zaak is None:
                return None
            team = zaak["team_id"] or team
        traject_id: UUID = await tx.conn.fetchval(
            "INSERT INTO meldcode_trajecten"
            " (tenant_id, jongere_id, zaak_id, team_id, behandelaar_id)"
            " VALUES ($1, $2, $3, $4, $5) RETURNING id",
            tx.tenant_id,
            jongere_id,
            start.zaak_id,
            team,
            ctx.principal.user_id,
        )
        await record(tx, "create", "meldcode", traject_id, jongere_id=jongere_id)
        return await _lees(tx, traject_id)


async def lees(ctx: RequestContext, traject_id: UUID) -> Traject | None:
    async with ctx.tx(purpose="meldcode") as tx:
        traject = await _lees(tx, traject_id)
        if traject is not None:
            await record(tx, "read", "meldcode", traject_id, jongere_id=traject.jongere_id)
    return traject


async def van_jongere(ctx: RequestContext, jongere_id: UUID) -> list[Traject] | None:
    """The jongere's trajecten the caller may read (the dossier shows their state); None for a
    jongere out of scope."""
    async with ctx.tx(purpose="meldcode") as tx:
        if not await tx.conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM jongeren WHERE id = $1)", jongere_id
        ):
            return None
        ids = await tx.conn.fetch(
            "SELECT id FROM meldcode_trajecten WHERE jongere_id = $1 ORDER BY gestart_op DESC",
            jongere_id,
        )
        uit = [t for r in ids if (t := await _lees(tx, r["id"])) is not None]
        if uit:
            await record(tx, "read", "meldcode", jongere_id, jongere_id=jongere_id)
    return uit


async def stap(ctx: RequestContext, traject_id: UUID, verzoek: StapVerzoek) -> Traject | None:
    """A step in its order: a 409 with the article out of order, a 422 for what it lacks; the
    step, its audit event and its message to Veilig Thuis commit together."""
    soort = SOORTEN[verzoek.stap]
    try:
        gegevens: regels.Gegevens = (
            msgspec.convert(verzoek.gegevens, soort) if soort else None  # type: ignore[assignment]
        )
    except msgspec.ValidationError as exc:
        raise unprocessable([FieldError("gegevens", str(exc))]) from None
    async with ctx.tx(purpose="meldcode") as tx:
        t = await tx.conn.fetchrow(
            "SELECT * FROM meldcode_trajecten WHERE id = $1 FOR UPDATE", traject_id
        )
        if t is None:
            return None
        gedaan = [
            Stap(r["stap"])
            for r in await tx.conn.fetch(
                "SELECT stap FROM meldcode_stappen WHERE traject_id = $1 ORDER BY gezet_op, id",
                traject_id,
            )
        ]
        j = Jongere.van(
            await tx.conn.fetchrow("SELECT * FROM jongeren WHERE id = $1", t["jongere_id"])
        )
        oordeel = regels.beoordeel(
            verzoek.stap, gedaan, gegevens, leeftijd(j.geboortedatum, tx.vandaag)
        )
        if not oordeel.toegestaan:
            if oordeel.volgorde:
                raise conflict(oordeel.regel or "Deze stap kan nu niet.")
            raise unprocessable([FieldError("gegevens", oordeel.regel or "onvolledig")])
        await tx.conn.execute(
            "INSERT INTO meldcode_stappen (tenant_id, traject_id, stap, gegevens, team_id,"
            " behandelaar_id) VALUES ($1, $2, $3, $4, $5, $6)",
            tx.tenant_id,
            traject_id,
            verzoek.stap.value,
            msgspec.to_builtins(gegevens) if gegevens else {},
            t["team_id"],
            t["behandelaar_id"],
        )
        stand = regels.NUMMER.get(verzoek.stap, regels.NUMMER[Stap.WEGING])
        await tx.conn.execute(
            "UPDATE meldcode_trajecten SET stand = $2, uitkomst = $3 WHERE id = $1",
            traject_id,
            stand,
            oordeel.uitkomst.value if oordeel.uitkomst else None,
        )
        berichten = await _berichten(tx, traject_id, j, gegevens, oordeel.uitkomst, gedaan)
        await record(
            tx,
            "update",
            "meldcode",
            traject_id,
            jongere_id=j.id,
            detail={"stap": verzoek.stap.value},
        )
        traject = await _lees(tx, traject_id)
    assert traject is not None
    return msgspec.structs.replace(traject, berichten=berichten)


async def _berichten(
    tx: Tx,
    traject_id: UUID,
    j: Jongere,
    gegevens: regels.Gegevens,
    uitkomst: Uitkomst | None,
    gedaan: list[Stap],
) -> list[str]:
    """The anonymous adviesvraag of step 2, the melding of step 5."""
    if isinstance(gegevens, regels.Consultatie) and gegevens.adviesvraag_veilig_thuis:
        vraag = VeiligThuisAdviesvraag(
            vraag_id=uuid4(),
            gemeentecode=tx.tenant_id,
            leeftijd=leeftijd(j.geboortedatum, tx.vandaag),
            signalen=[],
            vraag=_zonder_namen(gegevens.vraag or "", j),
        )
        return [str(await enqueue(tx, "veilig_thuis", "adviesvraag", vraag))]
    if isinstance(gegevens, regels.Besluit) and uitkomst in (
        Uitkomst.MELDEN,
        Uitkomst.MELDEN_EN_HULP,
    ):
        signalen = await tx.conn.fetchval(
            "SELECT gegevens FROM meldcode_stappen WHERE traject_id = $1"
            " AND stap = 'signalen_in_kaart' ORDER BY gezet_op DESC LIMIT 1",
            traject_id,
        )
        feiten = msgspec.convert(signalen, regels.Signalen) if signalen else None
        melding = VeiligThuisMelding(
            melding_id=traject_id,
            gemeentecode=tx.tenant_id,
            jongere=Persoon(
                bsn=j.bsn,
                voornamen=j.voornamen,
                voorvoegsel=j.voorvoegsel,
                geslachtsnaam=j.geslachtsnaam,
                geboortedatum=j.geboortedatum,
            ),
            signalen=(
                [f"Feiten: {feiten.feiten}", *(f"Bron: {b}" for b in feiten.bronnen)]
                if feiten
                else []
            )
            + [f"Stappen gezet: {', '.join(s.value.replace('_', ' ') for s in gedaan)}"],
            besproken_met_ouders=gegevens.besproken_met_jongere_en_ouders,
            reden_niet_besproken=(
                gegevens.reden_niet_besproken.value if gegevens.reden_niet_besproken else None
            ),
            afweging=_afweging(gegevens),
        )
        return [str(await enqueue(tx, "veilig_thuis", "melding", melding))]
    return []


def _afweging(b: regels.Besluit) -> str:
    een = "noodzakelijk" if b.melden_noodzakelijk else "niet noodzakelijk"
    twee = "mogelijk" if b.hulpverlening_mogelijk else "niet mogelijk"
    return f"afweging 1: melden {een}; afweging 2: hulpverlening {twee}"


def _zonder_namen(tekst: str, j: Jongere) -> str:
    """The adviesvraag is anonymous: the jongere's names and BSN are taken out of the question."""
    for woord in (j.bsn, *j.voornamen.split(), j.geslachtsnaam):
        if len(woord) > 1:
            tekst = re.sub(rf"\b{re.escape(woord)}\b", "[…]", tekst, flags=re.IGNORECASE)
    return tekst


async def _lees(tx: Tx, traject_id: UUID) -> Traject | None:
    t = await tx.conn.fetchrow("SELECT * FROM meldcode_trajecten WHERE id = $1", traject_id)
    if t is None:
        return None
    rows = await tx.conn.fetch(
        "SELECT stap, gegevens, gezet_op FROM meldcode_stappen WHERE traject_id = $1"
        " ORDER BY gezet_op, id",
        traject_id,
    )
    gezet = [Gezet(Stap(r["stap"]), r["gegevens"] or {}, r["gezet_op"]) for r in rows]
    return Traject(
        id=t["id"],
        jongere_id=t["jongere_id"],
        zaak_id=t["zaak_id"],
        gestart_op=t["gestart_op"],
        stappen=gezet,
        volgende=regels.volgende([g.stap for g in gezet]),
        uitkomst=Uitkomst(t["uitkomst"]) if t["uitkomst"] else None,
        vt_referentie=t["vt_referentie"],
        vt_uitkomst=t["vt_uitkomst"],
    )


__all__ = ["ORDE", "StapVerzoek", "Start", "Traject", "lees", "stap", "starten", "van_jongere"]
