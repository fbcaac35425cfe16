"""Opening a case on a melding, a signal of absoluut verzuim, or a VSV'er: the case gets the team
of its origin and the leerplichtambtenaar who opens it as behandelaar."""

from __future__ import annotations

from uuid import UUID

from portal.audit.log import record
from portal.auth.principal import Role
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.leerplicht import (
    leeftijd,
)
from portal.domain.personen import Jongere
from portal.domain.woorden import SIGNAAL_LABELS, SOORT_LABELS
from portal.domain.zaak import (
    soort_voor,
)
from portal.dossier.werklog import werklog
from portal.outbox.berichten import MeldingStatusWijziging
from portal.outbox.store import enqueue
from portal.problems import FieldError, conflict, unprocessable
from portal.rmc.overdrachten import reden_geen_vsv
from portal.verzuim.zaak_lezen import in_scope, lees
from portal.verzuim.zaak_models import OpenVerzoek, Zaak


async def open_zaak(ctx: RequestContext, verzoek: OpenVerzoek) -> Zaak | None:
    herkomst = [verzoek.melding_id, verzoek.signaal_id, verzoek.jongere_id]
    if sum(h is not None for h in herkomst) != 1:
        raise unprocessable(
            [FieldError("melding_id", "geef één van melding_id, signaal_id of jongere_id")]
        )
    async with ctx.tx(purpose="verzuimzaak") as tx:
        if verzoek.melding_id is not None:
            zaak_id = await _open_op_melding(tx, verzoek.melding_id)
        elif verzoek.signaal_id is not None:
            zaak_id = await _open_op_signaal(tx, verzoek.signaal_id)
        else:
            assert verzoek.jongere_id is not None
            zaak_id = await _open_voor_vsv(tx, verzoek.jongere_id)
        if zaak_id is None:
            return None
        return await lees(tx, zaak_id)


def _mag_openen(tx: Tx, team_id: UUID | None) -> bool:
    """Opening makes a leerplichtambtenaar the behandelaar: of an own team's work, or work of no
    team; another team's melding or signal is not theirs to take (404)."""
    return team_id is None or in_scope(tx.principal, team_id, None)


def _behandelaar(tx: Tx) -> UUID | None:
    """The leerplichtambtenaar who opens a case handles it."""
    p = tx.principal
    return p.user_id if p is not None and Role.LEERPLICHTAMBTENAAR in p.roles else None


async def _open_op_melding(tx: Tx, melding_id: UUID) -> UUID | None:
    melding = await tx.conn.fetchrow(
        "SELECT m.id, m.jongere_id, m.team_id, m.status, m.soort, j.geboortedatum"
        " FROM meldingen m LEFT JOIN jongeren j ON j.id = m.jongere_id WHERE m.id = $1"
        " FOR UPDATE OF m",
        melding_id,
    )
    if melding is None:
        return None
    if melding["jongere_id"] is None:
        raise unprocessable(
            [
                FieldError(
                    "melding_id", "de jongere woont in een andere gemeente: het dossier ligt daar"
                )
            ]
        )
    if not _mag_openen(tx, melding["team_id"]):
        return None
    if await tx.conn.fetchval("SELECT 1 FROM zaken WHERE melding_id = $1", melding_id):
        raise conflict("Voor deze melding is al een zaak geopend.")
    soort = soort_voor(melding["soort"], leeftijd(melding["geboortedatum"], tx.vandaag))
    zaak_id: UUID = await tx.conn.fetchval(
        "INSERT INTO zaken (tenant_id, jongere_id, melding_id, team_id, soort, behandelaar_id)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        tx.tenant_id,
        melding["jongere_id"],
        melding_id,
        melding["team_id"],
        soort.value,
        _behandelaar(tx),
    )
    duo_id = await tx.conn.fetchval(
        "UPDATE meldingen SET status = 'in_behandeling' WHERE id = $1 AND status = 'geregistreerd'"
        " RETURNING duo_melding_id",
        melding_id,
    )
    if duo_id is not None:  # art. 6.13: DUO's register follows the gemeente's handling
        bericht = MeldingStatusWijziging(
            duo_melding_id=duo_id, status="in_behandeling", datum=tx.vandaag
        )
        await enqueue(tx, "duo", "melding_status", bericht, zaak_id=zaak_id)
    await werklog(
        tx,
        melding["jongere_id"],
        "Zaak geopend",
        f"Melding in behandeling genomen: {SOORT_LABELS[soort].lower()}",
        False,
    )
    await record(tx, "create", "zaak", zaak_id, jongere_id=melding["jongere_id"])
    return zaak_id


async def _open_voor_vsv(tx: Tx, jongere_id: UUID) -> UUID | None:
    """Voortijdig schoolverlaten (art. 9a): a resident past school without a startkwalificatie,
    handled by the team where the jongere lives."""
    rij = await tx.conn.fetchrow(
        "SELECT * FROM jongeren WHERE id = $1 AND gemeentecode = tenant_id", jongere_id
    )
    if rij is None:
        return None
    j = Jongere.van(rij)
    reden = await reden_geen_vsv(tx, j, tx.vandaag)
    if reden:
        raise unprocessable([FieldError("jongere_id", reden)])
    if not _mag_openen(tx, j.team_id):
        return None
    if await tx.conn.fetchval(
        "SELECT 1 FROM zaken WHERE jongere_id = $1 AND soort = 'vsv' AND status <> 'afgesloten'",
        jongere_id,
    ):
        raise conflict("Voor deze jongere loopt al een VSV-zaak.")
    zaak_id: UUID = await tx.conn.fetchval(
        "INSERT INTO zaken (tenant_id, jongere_id, team_id, soort, behandelaar_id)"
        " VALUES ($1, $2, $3, 'vsv', $4) RETURNING id",
        tx.tenant_id,
        jongere_id,
        j.team_id,
        _behandelaar(tx),
    )
    await werklog(tx, jongere_id, "Zaak geopend", "Voortijdig schoolverlaten in behandeling", False)
    await record(tx, "create", "zaak", zaak_id, jongere_id=jongere_id)
    return zaak_id


async def _open_op_signaal(tx: Tx, signaal_id: UUID) -> UUID | None:
    """Absoluut verzuim (art. 8): woongebonden, so the signal's team (where the jongere lives)."""
    signaal = await tx.conn.fetchrow(
        "SELECT id, jongere_id, team_id, status, soort FROM signalen WHERE id = $1 FOR UPDATE",
        signaal_id,
    )
    if signaal is None:
        return None
    if not _mag_openen(tx, signaal["team_id"]):
        return None
    if signaal["status"] != "open":
        raise conflict("Dit signaal is al afgehandeld.")
    if await tx.conn.fetchval("SELECT 1 FROM zaken WHERE signaal_id = $1", signaal_id):
        raise conflict("Voor dit signaal is al een zaak geopend.")
    zaak_id: UUID = await tx.conn.fetchval(
        "INSERT INTO zaken (tenant_id, jongere_id, signaal_id, team_id, soort, behandelaar_id)"
        " VALUES ($1, $2, $3, $4, 'absoluut_verzuim', $5) RETURNING id",
        tx.tenant_id,
        signaal["jongere_id"],
        signaal_id,
        signaal["team_id"],
        _behandelaar(tx),
    )
    await werklog(
        tx,
        signaal["jongere_id"],
        "Zaak geopend",
        f"Signaal '{SIGNAAL_LABELS[signaal['soort']].lower()}' in behandeling genomen:"
        " absoluut verzuim",
        False,
    )
    await record(tx, "create", "zaak", zaak_id, jongere_id=signaal["jongere_id"])
    return zaak_id
