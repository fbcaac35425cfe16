"""Merging the Inlichtingenbureau's answer into a month's VSV list (art. 9a: income per jongere).

The worker asks for the answer of every list whose message was delivered and is not yet enriched;
the call happens outside any transaction. An answer for a list that has since been rebuilt (another
`lijst_id`) is ignored: rebuilding a month replaces it, enrichment included.
"""

from __future__ import annotations

import msgspec

from portal.audit.log import record
from portal.db.pool import Database
from portal.outbox.ports import VerrijkingBron

DOEL = "vsv-lijst verrijken"


class Resultaat(msgspec.Struct, frozen=True):
    verrijkt: int = 0
    """Lists merged this round."""
    regels: int = 0


async def verrijkingen_ophalen(db: Database, client: VerrijkingBron, tenant: str) -> Resultaat:
    async with db.tenant_tx(None, tenant_id=tenant, purpose=DOEL) as tx:
        open_ = await tx.conn.fetch(
            "SELECT l.maand, l.lijst_id, o.partner_ref FROM vsv_lijsten l"
            " JOIN outbox o ON o.id = l.bericht_id"
            " WHERE l.status = 'gebouwd' AND o.status = 'delivered' AND o.partner_ref IS NOT NULL"
        )
    verrijkt = regels = 0
    for lijst in open_:
        antwoord = await client.verrijking(lijst["partner_ref"])
        if antwoord.status != "gereed" or antwoord.lijst_id != str(lijst["lijst_id"]):
            continue
        async with db.tenant_tx(None, tenant_id=tenant, purpose=DOEL) as tx:
            nog = await tx.conn.fetchval(
                "SELECT 1 FROM vsv_lijsten WHERE maand = $1 AND lijst_id = $2"
                " AND status = 'gebouwd' FOR UPDATE",
                lijst["maand"],
                lijst["lijst_id"],
            )
            if not nog:
                continue
            status = await tx.conn.execute(
                "UPDATE vsv_regels r SET inkomen = v.inkomen"
                " FROM unnest($2::text[], $3::text[]) AS v (bsn, inkomen)"
                " WHERE r.maand = $1 AND r.bsn = v.bsn",
                lijst["maand"],
                [r.bsn for r in antwoord.regels],
                [r.inkomen for r in antwoord.regels],
            )
            gezet = int(status.split()[-1])
            await tx.conn.execute(
                "UPDATE vsv_lijsten SET status = 'verrijkt', verrijkt_op = now() WHERE maand = $1",
                lijst["maand"],
            )
            await record(
                tx,
                "update",
                "vsv_lijst",
                lijst["lijst_id"],
                detail={"maand": lijst["maand"], "verrijkt": gezet},
                purpose=DOEL,
            )
        verrijkt, regels = verrijkt + 1, regels + gezet
    return Resultaat(verrijkt, regels)
