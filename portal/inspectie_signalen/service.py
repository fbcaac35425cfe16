"""Inspectie signalen about a school (art. 20): the advice given to a school about a shortcoming,
the schriftelijk signaal that goes to the Inspectie after the teammanager's akkoord (and then the
school sees it), and the melding after a signal (lid 5). The order is the rule of
`domain/inspectie`; every entry, akkoord and message commits with its audit event."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID, uuid4

import msgspec

from portal.audit.log import record
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.inspectie import Eerder, Soort, Tekortkoming, beoordeel
from portal.outbox.berichten import InspectieSignaal
from portal.outbox.store import enqueue
from portal.problems import FieldError, conflict, unprocessable

Tekst = Annotated[str, msgspec.Meta(max_length=5000)]


class NieuwVerslag(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    soort: Soort
    tekortkoming: Tekortkoming
    feiten: Tekst
    """What was observed at the school."""
    advies: Tekst | None = None
    """For an advies: the advice given to the school."""
    handelwijze: Tekst | None = None
    """For a signaal or melding: how the leerplichtambtenaar acted."""
    vestiging: Annotated[str, msgspec.Meta(pattern=r"^[0-9]{2}$")] = "00"


class Akkoord(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    akkoord: bool
    reden: Annotated[str, msgspec.Meta(max_length=2000)] | None = None


class Verslag(msgspec.Struct, frozen=True):
    id: UUID
    brin: str
    soort: Soort
    tekortkoming: Tekortkoming
    feiten: str
    advies: str | None
    handelwijze: str | None
    status: str
    """vastgelegd (an advies), wacht_op_akkoord, verstuurd (to the Inspectie) or afgewezen."""
    vastgelegd_op: datetime
    reden_afwijzing: str | None = None
    bericht_id: UUID | None = None


def _fouten(v: NieuwVerslag) -> list[FieldError]:
    fouten = []
    if not v.feiten.strip():
        fouten.append(FieldError("feiten", "beschrijf wat bij de school is vastgesteld"))
    if v.soort is Soort.ADVIES and not (v.advies or "").strip():
        fouten.append(FieldError("advies", "welk advies kreeg de school (art. 20 lid 1)?"))
    if v.soort is not Soort.ADVIES and not (v.handelwijze or "").strip():
        fouten.append(FieldError("handelwijze", "hoe heeft de leerplichtambtenaar gehandeld?"))
    return fouten


async def vastleggen(ctx: RequestContext, brin: str, v: NieuwVerslag) -> Verslag:
    """An advies is kept; a signaal waits for the teammanager; a melding goes at once. A 409 with
    the article for a signal without an earlier advice or a melding without an earlier signal."""
    if fouten := _fouten(v):
        raise unprocessable(fouten)
    async with ctx.tx(purpose="inspectie") as tx:
        await tx.conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", f"inspectie:{brin}")
        eerder = [
            Eerder(Soort(r["soort"]), Tekortkoming(r["tekortkoming"]), r["status"] == "verstuurd")
            for r in await tx.conn.fetch(
                "SELECT soort, tekortkoming, status FROM inspectie_verslagen WHERE brin = $1"
                " AND status <> 'afgewezen'",
                brin,
            )
        ]
        oordeel = beoordeel(v.soort, v.tekortkoming, eerder)
        if not oordeel.toegestaan:
            raise conflict(oordeel.regel or "Dit kan nu niet.")
        status = {
            Soort.ADVIES: "vastgelegd",
            Soort.SIGNAAL: "wacht_op_akkoord",
            Soort.MELDING: "verstuurd",
        }[v.soort]
        ident = uuid4()
        await tx.conn.execute(
            "INSERT INTO inspectie_verslagen (tenant_id, id, brin, vestiging, soort, tekortkoming,"
            " feiten, advies, handelwijze, status)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            tx.tenant_id,
            ident,
            brin,
            v.vestiging,
            v.soort.value,
            v.tekortkoming.value,
            v.feiten.strip(),
            # Each kind keeps its own part: advice on an advies, the handling on the others.
            (v.advies or "").strip() or None if v.soort is Soort.ADVIES else None,
            (v.handelwijze or "").strip() or None if v.soort is not Soort.ADVIES else None,
            status,
        )
        if v.soort is Soort.MELDING:
            await _versturen(tx, ident)
        await record(tx, "create", "inspectie_verslag", ident, detail={"soort": v.soort.value})
        uit = await _lees(tx, ident)
    assert uit is not None
    return uit


async def akkoord(ctx: RequestContext, ident: UUID, besluit: Akkoord) -> Verslag | None:
    """The teammanager's yes (the signal goes to the Inspectie, the school sees it) or no."""
    async with ctx.tx(purpose="inspectie") as tx:
        r = await tx.conn.fetchrow(
            "SELECT status FROM inspectie_verslagen WHERE id = $1 FOR UPDATE", ident
        )
        if r is None:
            return None
        if r["status"] != "wacht_op_akkoord":
            raise conflict("Over dit signaal is al besloten.")
        if not besluit.akkoord and not (besluit.reden or "").strip():
            raise unprocessable(
                [FieldError("reden", "geef de reden om het signaal niet te sturen")]
            )
        await tx.conn.execute(
            "UPDATE inspectie_verslagen SET status = $2, akkoord_door = current_user_id(),"
            " akkoord_op = now(), reden_afwijzing = $3 WHERE id = $1",
            ident,
            "verstuurd" if besluit.akkoord else "afgewezen",
            None if besluit.akkoord else (besluit.reden or "").strip(),
        )
        if besluit.akkoord:
            await _versturen(tx, ident)
        await record(tx, "update", "inspectie_verslag", ident, detail={"akkoord": besluit.akkoord})
        return await _lees(tx, ident)


async def _versturen(tx: Tx, ident: UUID) -> None:
    r = await tx.conn.fetchrow("SELECT * FROM inspectie_verslagen WHERE id = $1", ident)
    assert r is not None
    bericht = InspectieSignaal(
        signaal_id=ident,
        soort=r["soort"],
        gemeentecode=tx.tenant_id,
        brin=r["brin"],
        vestiging=r["vestiging"],
        feiten=r["feiten"],
        ondernomen_door_leerplichtambtenaar=r["handelwijze"] or "",
        school_geinformeerd_op=tx.vandaag,
    )
    bericht_id = await enqueue(tx, "inspectie", "signaal", bericht)
    await tx.conn.execute(
        "UPDATE inspectie_verslagen SET bericht_id = $2 WHERE id = $1", ident, bericht_id
    )


async def geschiedenis(ctx: RequestContext, brin: str | None = None) -> list[Verslag]:
    """A school's advice, signals and meldingen, oldest first (a school: its own, as sent)."""
    async with ctx.tx(purpose="inspectie") as tx:
        rows = await tx.conn.fetch(
            "SELECT id FROM inspectie_verslagen WHERE ($1::text IS NULL OR brin = $1)"
            " ORDER BY vastgelegd_op, id LIMIT 500",
            brin,
        )
        uit = [v for r in rows if (v := await _lees(tx, r["id"])) is not None]
        if uit:
            await record(tx, "read", "inspectie_verslagen", brin or ctx.principal.brin)
    return uit


async def _lees(tx: Tx, ident: UUID) -> Verslag | None:
    r = await tx.conn.fetchrow("SELECT * FROM inspectie_verslagen WHERE id = $1", ident)
    if r is None:
        return None
    return Verslag(
        r["id"],
        r["brin"],
        Soort(r["soort"]),
        Tekortkoming(r["tekortkoming"]),
        r["feiten"],
        r["advies"],
        r["handelwijze"],
        r["status"],
        r["vastgelegd_op"],
        r["reden_afwijzing"],
        r["bericht_id"],
    )
