"""The leerplichtambtenaar's handling of a kennisgeving of vrijstelling (art. 11-14). Registering
it starts its term; the facts it needs (the deskundige's consent and statement, whether the jongere
was enrolled before) are recorded as they come; the decision is one transaction: a valid one
becomes a `vrijstellingen` row (which the absoluut verzuim control respects), is registered with
DUO through the outbox and has its letter (with the Defensie copy for art. 15); an invalid one
gets its term to enroll and its letter. Every step goes into the werklogboek and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec

from portal.audit.log import record
from portal.brieven.service import opstellen
from portal.db.paging import STANDAARD, Pagina, gelezen_pagina, lees_cursor
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.bsn import reason_invalid
from portal.domain.leerplicht import leeftijd
from portal.domain.personen import Jongere
from portal.domain.vrijstelling import (
    VERVANGEND,
    Grond,
    arbeidsinspectie_informeren,
    bericht_uiterlijk,
    geldig_fout,
    informeren_uiterlijk,
    inschrijven_uiterlijk,
)
from portal.dossier.werklog import werklog
from portal.outbox.berichten import ArbeidsinspectieMelding, Persoon, VrijstellingRegistratie
from portal.outbox.store import enqueue
from portal.problems import FieldError, conflict, unprocessable
from portal.vrijstellingen.models import (
    Besluit,
    Gegevens,
    Kennisgeving,
    NieuweKennisgeving,
    Ontslag,
)

__all__ = [
    "Besluit",
    "Gegevens",
    "Kennisgeving",
    "NieuweKennisgeving",
    "Ontslag",
    "besluiten",
    "gegevens",
    "lees",
    "lijst",
    "ontslag",
    "registreren",
]

OMSCHRIJVING = {
    Grond.ONGESCHIKT: "ongeschikt voor onderwijs (artikel 5 onder a)",
    Grond.RICHTING: "bedenkingen tegen de richting van het onderwijs (artikel 5 onder b)",
    Grond.BUITENLAND: "onderwijs op een school buiten Nederland (artikel 5 onder c)",
    Grond.ANDER_ONDERWIJS: "ander onderwijs (artikel 15)",
    Grond.VERVANGEND_PRAKTIJK: "vervangende leerplicht met praktijktijd (artikel 3a)",
    Grond.VERVANGEND_ARBEID: "vervangende leerplicht met arbeid van lichte aard (artikel 3b)",
}


async def registreren(ctx: RequestContext, data: NieuweKennisgeving) -> Kennisgeving:
    if reden := reason_invalid(data.bsn.strip()):
        raise unprocessable([FieldError("bsn", reden)])
    nu = ctx.db.clock.nu()
    if data.ontvangen_op > nu.date():
        raise unprocessable([FieldError("ontvangen_op", "de datum ligt in de toekomst")])
    async with ctx.tx(purpose="vrijstelling", nu=nu) as tx:
        jongere = await tx.conn.fetchval(
            "SELECT id FROM jongeren WHERE bsn = $1 AND gemeentecode = tenant_id", data.bsn.strip()
        )
        if jongere is None:
            raise unprocessable([FieldError("bsn", "geen jongere met dit BSN in uw gemeente")])
        ident = await tx.conn.fetchval(
            "INSERT INTO vrijstelling_kennisgevingen (tenant_id, jongere_id, grond, ontvangen_op,"
            " toelichting, toestemming_deskundige, defensiepersoneelnummer)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            tx.tenant_id,
            jongere,
            data.grond.value,
            data.ontvangen_op,
            data.toelichting,
            data.toestemming_deskundige,
            data.defensiepersoneelnummer,
        )
        await werklog(
            tx,
            jongere,
            "Kennisgeving vrijstelling",
            f"Ontvangen: {OMSCHRIJVING[data.grond]}",
            False,
        )
        await record(tx, "create", "vrijstelling_kennisgeving", ident, jongere_id=jongere)
        return await _lees(tx, ident)


async def gegevens(ctx: RequestContext, ident: UUID, data: Gegevens) -> Kennisgeving | None:
    async with ctx.tx(purpose="vrijstelling") as tx:
        k = await _open(tx, ident)
        if k is None:
            return None
        for veld in (
            "verklaring_deskundige_op",
            "gesprek_gevoerd_op",
            "betrokkenen_geinformeerd_op",
        ):
            waarde = getattr(data, veld)
            if waarde is not None and waarde > tx.vandaag:
                raise unprocessable([FieldError(veld, "de datum ligt in de toekomst")])
        await tx.conn.execute(
            "UPDATE vrijstelling_kennisgevingen SET"
            " toestemming_deskundige = coalesce($2, toestemming_deskundige),"
            " verklaring_deskundige_op = coalesce($3, verklaring_deskundige_op),"
            " eerder_ingeschreven_onderzocht = coalesce($4, eerder_ingeschreven_onderzocht),"
            " gesprek_gevoerd_op = coalesce($5, gesprek_gevoerd_op),"
            " afspraken = coalesce($6, afspraken),"
            " betrokkenen_geinformeerd_op = coalesce($7, betrokkenen_geinformeerd_op),"
            " verzoek_ondertekend = coalesce($8, verzoek_ondertekend)"
            " WHERE id = $1",
            ident,
            data.toestemming_deskundige,
            data.verklaring_deskundige_op,
            data.eerder_ingeschreven_onderzocht,
            data.gesprek_gevoerd_op,
            data.afspraken,
            data.betrokkenen_geinformeerd_op,
            data.verzoek_ondertekend,
        )
        vastgelegd = ", ".join(
            f"{k}: {v}" for k, v in msgspec.structs.asdict(data).items() if v is not None
        )
        await werklog(tx, k["jongere_id"], "Kennisgeving vrijstelling", vastgelegd or "-", False)
        await record(tx, "update", "vrijstelling_kennisgeving", ident, jongere_id=k["jongere_id"])
        return await _lees(tx, ident)


async def besluiten(ctx: RequestContext, ident: UUID, besluit: Besluit) -> Kennisgeving | None:
    async with ctx.tx(purpose="vrijstelling") as tx:
        vandaag = tx.vandaag
        k = await _open(tx, ident)
        if k is None:
            return None
        jongere = await tx.conn.fetchrow("SELECT * FROM jongeren WHERE id = $1", k["jongere_id"])
        assert jongere is not None
        grond = Grond(k["grond"])
        berichten: list[str] = []
        extra: dict[str, Any] = {
            "ontvangen": k["ontvangen_op"],
            "grond": grond.value,
            "grond_omschrijving": OMSCHRIJVING[grond],
            "motivering": besluit.motivering,
        }
        if besluit.geldig:
            van = besluit.van or vandaag
            fout = geldig_fout(
                grond,
                toestemming_deskundige=k["toestemming_deskundige"],
                verklaring_deskundige=k["verklaring_deskundige_op"],
                eerder_ingeschreven_onderzocht=k["eerder_ingeschreven_onderzocht"],
                defensiepersoneelnummer=k["defensiepersoneelnummer"],
                van=van,
                tot=besluit.tot,
                hernieuwen_voor=besluit.hernieuwen_voor,
                gesprek_gevoerd=k["gesprek_gevoerd_op"] is not None,
                afspraken_vastgelegd=bool(k["afspraken"] and k["afspraken"].strip()),
                verzoek_ondertekend=k["verzoek_ondertekend"],
            )
            if fout:
                raise conflict(fout)
            vrijstelling = await tx.conn.fetchval(
                "INSERT INTO vrijstellingen (tenant_id, jongere_id, grond, van, tot)"
                " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                tx.tenant_id,
                k["jongere_id"],
                grond.value,
                van,
                besluit.tot,
            )
            await tx.conn.execute(
                "UPDATE vrijstelling_kennisgevingen SET status = 'geldig', van = $2, tot = $3,"
                " hernieuwen_voor = $4, motivering = $5, vrijstelling_id = $6, besloten_op = now()"
                " WHERE id = $1",
                ident,
                van,
                besluit.tot,
                besluit.hernieuwen_voor,
                besluit.motivering,
                vrijstelling,
            )
            registratie = VrijstellingRegistratie(
                vrijstelling_id=vrijstelling,
                bsn=jongere["bsn"],
                grond=grond.value,
                van=van,
                tot=besluit.tot,
            )
            berichten.append(str(await enqueue(tx, "duo", "vrijstelling", registratie)))
            inspectie = arbeidsinspectie_informeren(
                leeftijd(jongere["geboortedatum"], vandaag), grond
            )
            extra |= {
                "van": van,
                "tot": besluit.tot,
                "hernieuwen_voor": besluit.hernieuwen_voor,
                "defensiepersoneelnummer": k["defensiepersoneelnummer"],
                "arbeidsinspectie": inspectie,
            }
            tekst = f"Geldig van {van:%d-%m-%Y} tot en met {besluit.tot:%d-%m-%Y}; gemeld aan DUO"
            if inspectie:
                ai = ArbeidsinspectieMelding(
                    melding_id=vrijstelling,
                    gemeentecode=tx.tenant_id,
                    jongere=Persoon(
                        bsn=jongere["bsn"],
                        voornamen=jongere["voornamen"],
                        voorvoegsel=jongere["voorvoegsel"],
                        geslachtsnaam=jongere["geslachtsnaam"],
                        geboortedatum=jongere["geboortedatum"],
                    ),
                    reden="vervangende_leerplicht" if grond in VERVANGEND else "vrijstelling_16_17",
                    grond=grond.value,
                    van=van,
                    tot=besluit.tot,
                )
                berichten.append(str(await enqueue(tx, "arbeidsinspectie", "melding", ai)))
                tekst += "; gemeld aan de Arbeidsinspectie (art. 10.5, 12.13, 18)"
            soort = "vrijstelling"
        else:
            uiterlijk = inschrijven_uiterlijk(vandaag)
            await tx.conn.execute(
                "UPDATE vrijstelling_kennisgevingen SET status = 'ongeldig', motivering = $2,"
                " inschrijven_uiterlijk = $3, besloten_op = now() WHERE id = $1",
                ident,
                besluit.motivering,
                uiterlijk,
            )
            extra["inschrijven_uiterlijk"] = uiterlijk
            tekst = f"Voldoet niet; inschrijven uiterlijk {uiterlijk:%d-%m-%Y} (art. 12.9)"
            soort = "vrijstelling_ongeldig"
        await werklog(tx, k["jongere_id"], "Besluit kennisgeving vrijstelling", tekst, False)
        brief = await opstellen(
            tx,
            soort,
            jongere=Jongere.van(jongere),
            zaak_id=None,
            kopie_school=False,
            extra=extra,
            kenmerk=k["kenmerk"],
        )
        await record(
            tx,
            "update",
            "vrijstelling_kennisgeving",
            ident,
            jongere_id=k["jongere_id"],
            detail={"geldig": besluit.geldig},
        )
        gelezen = await _lees(tx, ident)
    return msgspec.structs.replace(gelezen, berichten=berichten, brieven=[str(brief)])


async def ontslag(ctx: RequestContext, ident: UUID, data: Ontslag) -> Kennisgeving | None:
    """Defensie reports a discharge before 18 (art. 11.7-11.8): the vrijstelling ends that day, and
    the kwalificatieplicht is checked again (11.9) — by the absoluut verzuim control, which no
    longer finds a vrijstelling for the jongere from then on."""
    nu = ctx.db.clock.nu()
    if data.datum > nu.date():
        raise unprocessable([FieldError("datum", "de datum ligt in de toekomst")])
    async with ctx.tx(purpose="vrijstelling", nu=nu) as tx:
        k = await tx.conn.fetchrow(
            "SELECT * FROM vrijstelling_kennisgevingen WHERE id = $1 FOR UPDATE", ident
        )
        if k is None:
            return None
        if k["grond"] != Grond.ANDER_ONDERWIJS or not k["defensiepersoneelnummer"]:
            raise conflict("Ontslag geldt alleen een vrijstelling voor Defensie.")
        if k["status"] != "geldig" or k["ontslag_op"] is not None:
            raise conflict("Deze vrijstelling loopt niet (meer).")
        if data.datum < k["van"]:
            raise unprocessable([FieldError("datum", "het ontslag ligt voor de vrijstelling")])
        await tx.conn.execute(
            "UPDATE vrijstellingen SET tot = $2 WHERE id = $1", k["vrijstelling_id"], data.datum
        )
        await tx.conn.execute(
            "UPDATE vrijstelling_kennisgevingen SET ontslag_op = $2, tot = $2 WHERE id = $1",
            ident,
            data.datum,
        )
        await werklog(
            tx,
            k["jongere_id"],
            "Ontslag bij Defensie",
            f"Ontslagen per {data.datum:%d-%m-%Y}: de vrijstelling vervalt; kwalificatieplicht "
            "opnieuw controleren (art. 11.9)",
            False,
        )
        await record(tx, "update", "vrijstelling_kennisgeving", ident, jongere_id=k["jongere_id"])
        return await _lees(tx, ident)


async def lijst(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[Kennisgeving]:
    """The kennisgevingen, open ones first, oldest first."""
    na = lees_cursor(cursor, "vrijstellingen", int, datetime, UUID)
    async with ctx.tx(purpose="vrijstelling") as tx:
        ids = await tx.conn.fetch(
            "SELECT id, jongere_id, (status <> 'in_behandeling')::int AS klaar, ontvangen_op"
            " FROM vrijstelling_kennisgevingen"
            " WHERE $1::int IS NULL"
            " OR ((status <> 'in_behandeling')::int, ontvangen_op, id) > ($1, $2, $3)"
            " ORDER BY klaar, ontvangen_op, id LIMIT $4",
            *na,
            limit + 1,
        )
        page = await gelezen_pagina(
            tx,
            "vrijstelling_kennisgeving",
            ids,
            limit,
            "vrijstellingen",
            lambda r: (r["klaar"], r["ontvangen_op"], r["id"]),
            lambda r: r["id"],
        )
        return Pagina([await _lees(tx, i) for i in page.items], page.next_cursor)


async def lees(ctx: RequestContext, ident: UUID) -> Kennisgeving | None:
    async with ctx.tx(purpose="vrijstelling") as tx:
        jongere_id = await tx.conn.fetchval(
            "SELECT jongere_id FROM vrijstelling_kennisgevingen WHERE id = $1", ident
        )
        if jongere_id is None:
            return None
        await record(tx, "read", "vrijstelling_kennisgeving", ident, jongere_id=jongere_id)
        return await _lees(tx, ident)


async def _open(tx: Tx, ident: UUID) -> Any:
    k = await tx.conn.fetchrow(
        "SELECT * FROM vrijstelling_kennisgevingen WHERE id = $1 FOR UPDATE", ident
    )
    if k is not None and k["status"] != "in_behandeling":
        raise conflict("Over deze kennisgeving is al besloten.")
    return k


async def _lees(tx: Tx, ident: UUID) -> Kennisgeving:
    k = await tx.conn.fetchrow(
        "SELECT k.*, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,"
        " (SELECT u.naam FROM users u WHERE u.id = k.geregistreerd_door) AS registrator"
        " FROM vrijstelling_kennisgevingen k JOIN jongeren j ON j.id = k.jongere_id"
        " WHERE k.id = $1",
        ident,
    )
    assert k is not None
    grond = Grond(k["grond"])
    return Kennisgeving(
        id=k["id"],
        jongere_id=k["jongere_id"],
        grond=grond,
        status=k["status"],
        ontvangen_op=k["ontvangen_op"],
        bericht_uiterlijk=bericht_uiterlijk(
            grond, k["ontvangen_op"], k["verklaring_deskundige_op"]
        ),
        toestemming_deskundige=k["toestemming_deskundige"],
        verklaring_deskundige_op=k["verklaring_deskundige_op"],
        eerder_ingeschreven_onderzocht=k["eerder_ingeschreven_onderzocht"],
        van=k["van"],
        tot=k["tot"],
        hernieuwen_voor=k["hernieuwen_voor"],
        inschrijven_uiterlijk=k["inschrijven_uiterlijk"],
        besloten_op=k["besloten_op"],
        gesprek_gevoerd_op=k["gesprek_gevoerd_op"],
        informeren_uiterlijk=informeren_uiterlijk(k["gesprek_gevoerd_op"])
        if k["gesprek_gevoerd_op"]
        else None,
        betrokkenen_geinformeerd_op=k["betrokkenen_geinformeerd_op"],
        verzoek_ondertekend=k["verzoek_ondertekend"],
        naam=k["naam"],
        toelichting=k["toelichting"] or None,
        afspraken=k["afspraken"] or None,
        motivering=k["motivering"] or None,
        defensiepersoneelnummer=k["defensiepersoneelnummer"],
        geregistreerd_door=k["registrator"],
        ontslag_op=k["ontslag_op"],
        kenmerk=k["kenmerk"],
    )
