"""Intake of meldingen from DUO's feed (the verzuimloket), per gemeente, resumable.

Each page is one transaction: its meldingen (new ones inserted schoolgebonden with their first
deadline; one that a school also reported through the portal merged into that melding) and the
cursor that comes after it. A crash repeats at most one page, and DUO's ids make that harmless.
"""

from __future__ import annotations

import msgspec

from portal.audit.log import record
from portal.clock import ZONE
from portal.db.pool import Database, Tx
from portal.domain import bsn
from portal.domain.melding import Meldingsoort
from portal.observability.logging import get_logger
from portal.outbox.berichten import MeldingStatusWijziging, Mutatie, Verzuimmelding
from portal.outbox.ports import VerzuimFeed
from portal.outbox.store import enqueue
from portal.verzuim.service import termijnen_vastleggen

log = get_logger(__name__)
MAX_PAGES = 100


class IntakeResultaat(msgspec.Struct):
    paginas: int = 0
    nieuw: int = 0
    samengevoegd: int = 0
    al_bekend: int = 0
    ongeldig: int = 0
    mutaties_verwerkt: int = 0
    mutaties_afgewezen: int = 0


async def duo_intake(db: Database, feed: VerzuimFeed, tenant_id: str) -> IntakeResultaat:
    result = IntakeResultaat()
    for _ in range(MAX_PAGES):
        async with db.tenant_tx(None, tenant_id=tenant_id, purpose="DUO-intake") as tx:
            cursor = await tx.conn.fetchval("SELECT cursor FROM duo_feed_cursors")
        page = await feed.pagina(tenant_id, cursor)  # no transaction open during the call
        async with db.tenant_tx(None, tenant_id=tenant_id, purpose="DUO-intake") as tx:
            moved = await tx.conn.fetchval(
                "SELECT cursor IS DISTINCT FROM $1 FROM duo_feed_cursors FOR UPDATE", cursor
            )
            if moved:  # another worker took this page meanwhile
                break
            for melding in page.verzuimmeldingen:
                await _neem_op(tx, melding, result)
            for mutatie in page.mutaties:
                await mutatie_toepassen(tx, mutatie, result)
            await tx.conn.execute(
                "INSERT INTO duo_feed_cursors (tenant_id, cursor) VALUES ($1, $2)"
                " ON CONFLICT (tenant_id) DO UPDATE SET cursor = excluded.cursor,"
                " bijgewerkt_op = now()",
                tenant_id,
                page.volgende or cursor,
            )
        result.paginas += 1
        if page.volgende is None or page.volgende == cursor:
            break
    return result


async def _neem_op(tx: Tx, m: Verzuimmelding, result: IntakeResultaat) -> None:
    if not bsn.is_valid(m.bsn):
        result.ongeldig += 1
        log.warning("duo_melding_ongeldig_bsn", duo_melding_id=m.duo_melding_id)
        return
    if await tx.conn.fetchval(
        "SELECT 1 FROM meldingen WHERE duo_melding_id = $1", m.duo_melding_id
    ):
        result.al_bekend += 1
        return
    merged = await tx.conn.fetchval(
        """UPDATE meldingen SET duo_melding_id = $1
           WHERE id = (SELECT id FROM meldingen
                       WHERE bsn = $2 AND brin = $3 AND vestiging = $4 AND soort = $5
                         AND duo_melding_id IS NULL
                         AND daterange(periode_van, periode_tot, '[]')
                             && daterange($6::date, $7::date, '[]')
                       ORDER BY ontvangen_op LIMIT 1)
           RETURNING id""",
        m.duo_melding_id,
        m.bsn,
        m.brin,
        m.vestiging,
        m.soort,
        m.periode_van,
        m.periode_tot,
    )
    if merged:
        result.samengevoegd += 1
        await record(tx, "update", "melding", merged, detail={"duo_melding_id": m.duo_melding_id})
        return
    row = await tx.conn.fetchrow(
        """INSERT INTO meldingen (tenant_id, bsn, jongere_id, brin, vestiging, soort, wettelijk,
               periode_van, periode_tot, verzuimde_uren, melder, kanaal, duo_melding_id, team_id)
           SELECT $1, $2, (SELECT id FROM jongeren WHERE bsn = $2), $3, $4, $5, $6, $7, $8, $9,
                  '{}'::jsonb, 'duo', $10,
                  (SELECT t.id FROM scholen s JOIN teams t ON t.naam = s.team
                   WHERE s.brin = $3 AND s.vestiging = $4)
           WHERE EXISTS (SELECT 1 FROM scholen WHERE brin = $3 AND vestiging = $4)
           RETURNING id, jongere_id, ontvangen_op""",
        tx.tenant_id,
        m.bsn,
        m.brin,
        m.vestiging,
        m.soort,
        Meldingsoort(m.soort).wettelijk,
        m.periode_van,
        m.periode_tot,
        m.verzuimde_uren,
        m.duo_melding_id,
    )
    if row is None:
        result.ongeldig += 1
        log.warning("duo_melding_onbekende_school", duo_melding_id=m.duo_melding_id)
        return
    await termijnen_vastleggen(tx, row["id"], row["ontvangen_op"].astimezone(ZONE).date(), m.soort)
    await record(
        tx,
        "create",
        "melding",
        row["id"],
        jongere_id=row["jongere_id"],
        detail={"kanaal": "duo", "duo_melding_id": m.duo_melding_id},
    )
    result.nieuw += 1


class Kenmerken(msgspec.Struct):
    vastgelegd: int = 0
    status_nagestuurd: int = 0


async def duo_kenmerken(db: Database, tenant_id: str) -> Kenmerken:
    """DUO's kenmerk of each melding the portal registered there, from the receipt the outbox kept,
    stored on the melding; a melding whose status moved on before DUO answered has that status
    sent after it (art. 6.13), so DUO's register ends where the gemeente's handling stands."""
    result = Kenmerken()
    async with db.tenant_tx(None, tenant_id=tenant_id, purpose="DUO-koppeling") as tx:
        rows = await tx.conn.fetch(
            """UPDATE meldingen m SET duo_melding_id = o.partner_ref
               FROM outbox o
               WHERE o.partner = 'duo' AND o.soort = 'melding' AND o.status = 'delivered'
                 AND o.partner_ref IS NOT NULL AND m.duo_melding_id IS NULL
                 AND m.id = (o.payload->>'melding_id')::uuid
                 AND NOT EXISTS (SELECT 1 FROM meldingen d WHERE d.duo_melding_id = o.partner_ref)
               RETURNING m.id, m.jongere_id, m.status, m.reden_afgesloten, m.duo_melding_id"""
        )
        for r in rows:
            result.vastgelegd += 1
            await record(
                tx,
                "update",
                "melding",
                r["id"],
                jongere_id=r["jongere_id"],
                detail={"duo_melding_id": r["duo_melding_id"]},
            )
            if r["status"] == "geregistreerd":
                continue
            bericht = MeldingStatusWijziging(
                duo_melding_id=r["duo_melding_id"],
                status=r["status"],
                reden_afgesloten=r["reden_afgesloten"],
                datum=tx.vandaag,
            )
            await enqueue(tx, "duo", "melding_status", bericht)
            result.status_nagestuurd += 1
    return result


ONDERWIJSSOORTEN = frozenset({"po", "so", "vso", "pro", "vmbo", "havo", "vwo", "mbo", "ho"})


async def mutatie_toepassen(tx: Tx, m: Mutatie, result: IntakeResultaat) -> None:
    """An in- or uitschrijving from DUO's feed on the administration, as the `inschrijvingen`
    import would apply it; once per DUO id, and a reject kept with its reason."""
    if await tx.conn.fetchval(
        "SELECT true FROM duo_mutaties WHERE duo_mutatie_id = $1", m.duo_mutatie_id
    ):
        return
    reden = await _mutatie_reden(tx, m)
    if reden is None and m.soort == "inschrijving":
        await tx.conn.execute(
            """INSERT INTO inschrijvingen (tenant_id, jongere_id, brin, vestiging, onderwijssoort,
                   leerjaar, datum_inschrijving)
               SELECT $1, j.id, $3, $4, coalesce($5, s.onderwijssoort), $6, $7
               FROM jongeren j, scholen s
               WHERE j.bsn = $2 AND s.brin = $3 AND s.vestiging = $4
               ON CONFLICT (tenant_id, jongere_id, brin, vestiging, datum_inschrijving)
               DO NOTHING""",
            tx.tenant_id, m.bsn, m.brin, m.vestiging, m.onderwijssoort, m.leerjaar, m.datum,
        )  # fmt: skip
    elif reden is None:
        bijgewerkt = await tx.conn.fetchval(
            """UPDATE inschrijvingen i SET datum_uitschrijving = $4,
                   uitschrijving_gemeld_op = now(), bijgewerkt_op = now()
               WHERE i.id = (SELECT i2.id FROM inschrijvingen i2 JOIN jongeren j
                                 ON j.id = i2.jongere_id
                             WHERE j.bsn = $1 AND i2.brin = $2 AND i2.vestiging = $3
                               AND i2.datum_inschrijving <= $4
                               AND i2.datum_uitschrijving IS NULL
                             ORDER BY i2.datum_inschrijving DESC LIMIT 1)
               RETURNING true""",
            m.bsn, m.brin, m.vestiging, m.datum,
        )  # fmt: skip
        if not bijgewerkt:
            reden = "geen open inschrijving bij deze school op die datum"
    await tx.conn.execute(
        "INSERT INTO duo_mutaties (tenant_id, duo_mutatie_id, soort, bsn, brin, vestiging, datum,"
        " verwerkt, reden) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        tx.tenant_id, m.duo_mutatie_id, m.soort, m.bsn, m.brin, m.vestiging, m.datum,
        reden is None, reden,
    )  # fmt: skip
    if reden is None:
        result.mutaties_verwerkt += 1
        await record(tx, "create", "duo_mutatie", m.duo_mutatie_id, detail={"soort": m.soort})
    else:
        result.mutaties_afgewezen += 1
        log.warning("duo_mutatie_afgewezen", duo_mutatie_id=m.duo_mutatie_id)


async def _mutatie_reden(tx: Tx, m: Mutatie) -> str | None:
    """Why a mutation cannot be applied, in the words of the import's rejects; None when it can."""
    if not bsn.is_valid(m.bsn):
        return "BSN voldoet niet aan de elfproef"
    if m.datum > tx.vandaag:
        return "datum ligt in de toekomst"
    if m.onderwijssoort is not None and m.onderwijssoort not in ONDERWIJSSOORTEN:
        return "onbekende onderwijssoort"
    if m.leerjaar is not None and not 0 <= m.leerjaar <= 12:
        return "leerjaar moet 0 tot en met 12 zijn"
    if not await tx.conn.fetchval("SELECT true FROM jongeren WHERE bsn = $1", m.bsn):
        return "jongere niet bekend in de BRP-administratie van deze gemeente"
    if not await tx.conn.fetchval(
        "SELECT true FROM scholen WHERE brin = $1 AND vestiging = $2", m.brin, m.vestiging
    ):
        return "onbekende school (BRIN en vestiging niet in de scholenlijst)"
    return None
