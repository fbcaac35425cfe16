"""Art. 18 under c: the leerplichtambtenaar found a jongere working against the rules and tells
the Arbeidsinspectie, which supervises work by children and jeugdige werknemers. From the dossier,
in one transaction: the message through the outbox, the werklogboek entry and the audit event.
Only for a jongere under 18 (the Arbeidstijdenwet's children and jeugdige werknemers)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID, uuid4

import msgspec

from portal.audit.log import record
from portal.db.request_context import RequestContext
from portal.domain.leerplicht import leeftijd
from portal.dossier.werklog import werklog
from portal.outbox.berichten import ArbeidsinspectieSignaal, Persoon
from portal.outbox.store import enqueue
from portal.problems import FieldError, unprocessable


class ArbeidGezien(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    waargenomen_op: date
    bevinding: Annotated[str, msgspec.Meta(max_length=2000)]
    werkgever: Annotated[str, msgspec.Meta(max_length=200)] | None = None


class ArbeidGemeld(msgspec.Struct, frozen=True):
    bericht: str
    """The outbox id of the message to the Arbeidsinspectie."""


async def melden(ctx: RequestContext, jongere_id: UUID, data: ArbeidGezien) -> ArbeidGemeld | None:
    """None for a jongere out of scope; a 422 with every field's reason at once."""
    vandaag = ctx.db.vandaag()
    fouten = []
    bevinding = " ".join("".join(c if c.isprintable() else " " for c in data.bevinding).split())
    if not bevinding:
        fouten.append(FieldError("bevinding", "Beschrijf wat u zag: waar, wanneer, welk werk."))
    if data.waargenomen_op > vandaag:
        fouten.append(FieldError("waargenomen_op", "De datum kan niet na vandaag liggen."))
    async with ctx.tx(purpose="melding arbeidsinspectie") as tx:
        j = await tx.conn.fetchrow(
            "SELECT bsn, voornamen, voorvoegsel, geslachtsnaam, geboortedatum FROM jongeren"
            " WHERE id = $1",
            jongere_id,
        )
        if j is None:
            return None
        jaren = leeftijd(j["geboortedatum"], data.waargenomen_op)
        if jaren >= 18:
            fouten.append(
                FieldError(
                    "waargenomen_op",
                    "Art. 18: de Arbeidsinspectie hoort dit voor jongeren onder 18;"
                    " de jongere was toen al 18.",
                )
            )
        if fouten:
            raise unprocessable(fouten)
        werkgever = " ".join((data.werkgever or "").split()) or None
        bericht = await enqueue(
            tx,
            "arbeidsinspectie",
            "signaal",
            ArbeidsinspectieSignaal(
                signaal_id=uuid4(),
                gemeentecode=tx.tenant_id,
                jongere=Persoon(
                    bsn=j["bsn"],
                    voornamen=j["voornamen"],
                    voorvoegsel=j["voorvoegsel"],
                    geslachtsnaam=j["geslachtsnaam"],
                    geboortedatum=j["geboortedatum"],
                ),
                leeftijd=jaren,
                waargenomen_op=data.waargenomen_op,
                bevinding=bevinding,
                werkgever=werkgever,
            ),
        )
        await werklog(
            tx,
            jongere_id,
            "Melding aan de Arbeidsinspectie (art. 18 onder c)",
            f"Werken in strijd met de voorschriften gezien op {data.waargenomen_op:%d-%m-%Y}:"
            f" {bevinding}" + (f" (werkgever: {werkgever})" if werkgever else ""),
            False,
        )
        await record(tx, "create", "melding_arbeidsinspectie", bericht, jongere_id=jongere_id)
    return ArbeidGemeld(str(bericht))
