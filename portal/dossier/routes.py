"""Dossier API: search a jongere, read the dossier, write in the werklogboek."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, post, put
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody, Parameter

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, Paging, gevonden
from portal.dossier import arbeid, service, speciale_aanpak, zoeken
from portal.dossier.models import Dossier, NieuweWerklogboekEntry, WerklogboekEntry, ZoekLijst


class DossierController(Controller):
    path = "/api/v1/jongeren"
    tags = ["dossier"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/", guards=[requires(Permission.READ_DOSSIER)])
    async def zoek(
        self,
        ctx: Ctx,
        paging: Paging,
        zoek: Annotated[str, Parameter(max_length=100)],
    ) -> ZoekLijst:
        """Search by BSN (exact), or by the start of words of the name in any case and without
        accents ("van Dijk", "Dijk", "dijk"), optionally with a geboortedatum (`Fen 05-04-2013`);
        with the total found. Every jongere in the result is an audited read."""
        return await zoeken.zoek(ctx, zoek, paging.limit, paging.cursor)

    @get("/{jongere_id:uuid}", guards=[requires(Permission.READ_DOSSIER)])
    async def dossier(self, ctx: Ctx, jongere_id: FromPath[UUID]) -> Dossier:
        return gevonden(await service.lees_dossier(ctx, jongere_id))

    @post("/{jongere_id:uuid}/werklogboek", guards=[requires(Permission.WRITE_WERKLOGBOEK)])
    async def werklogboek(
        self, data: JSONBody[NieuweWerklogboekEntry], ctx: Ctx, jongere_id: FromPath[UUID]
    ) -> WerklogboekEntry:
        return gevonden(await service.schrijf_werklogboek(ctx, jongere_id, data))

    @put("/{jongere_id:uuid}/speciale-aanpak", guards=[requires(Permission.WRITE_WERKLOGBOEK)])
    async def speciale_aanpak_zetten(
        self,
        data: JSONBody[speciale_aanpak.NieuweSpecialeAanpak],
        ctx: Ctx,
        jongere_id: FromPath[UUID],
    ) -> speciale_aanpak.SpecialeAanpak:
        """The jongere falls under a special approach (never which): only a contact's name and
        phone (Privacyreglement 2016, 3.10). Setting it again replaces the contact."""
        return gevonden(await speciale_aanpak.zetten(ctx, jongere_id, data))

    @delete(
        "/{jongere_id:uuid}/speciale-aanpak",
        guards=[requires(Permission.WRITE_WERKLOGBOEK)],
        status_code=204,
    )
    async def speciale_aanpak_opheffen(self, ctx: Ctx, jongere_id: FromPath[UUID]) -> None:
        if not await speciale_aanpak.opheffen(ctx, jongere_id):
            raise NotFoundException()

    @post("/{jongere_id:uuid}/arbeidsinspectie", guards=[requires(Permission.HANDLE_ZAKEN)])
    async def arbeidsinspectie(
        self, data: JSONBody[arbeid.ArbeidGezien], ctx: Ctx, jongere_id: FromPath[UUID]
    ) -> arbeid.ArbeidGemeld:
        """Art. 18 under c: the jongere (under 18) was seen working against the rules; the
        Arbeidsinspectie is told through the outbox."""
        return gevonden(await arbeid.melden(ctx, jongere_id, data))
