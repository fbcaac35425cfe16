"""API for the caller's own profile and the tenant's teams and users.

These are the first tenant-owned resources: they show the pattern every werkproces follows
(guard on the role, one tenant-scoped transaction, audit on personal data, 404 outside scope).
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get, patch, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody

from portal.audit.log import record
from portal.auth.guards import authenticated, requires
from portal.auth.permissions import Permission
from portal.beheer import gebruikers, teams, vakanties
from portal.beheer.gebruikers import (
    GebruikerRegel,
    NewUser,
    UserError,
    Wijziging,
    add_user,
    change_user,
)
from portal.beheer.teams import NieuwTeam, TeamRegel
from portal.beheer.vakanties import Vakantie
from portal.context import Ctx, Paging, gevonden
from portal.db.paging import Pagina, pagina_in_geheugen
from portal.db.request_context import RequestContext
from portal.problems import FieldError, unprocessable
from portal.tenants import repository as tenants


class Me(msgspec.Struct):
    id: UUID
    email: str
    naam: str
    gemeente: str
    gemeentecode: str
    rollen: list[str]
    team_id: UUID | None
    brin: str | None
    vestiging: str | None
    boa: bool


class Team(msgspec.Struct):
    id: UUID
    naam: str
    soort: str


class TeamList(msgspec.Struct):
    items: list[Team]
    next_cursor: str | None = None


class Gebruiker(msgspec.Struct):
    id: UUID
    email: str
    naam: str
    rollen: list[str]
    team_id: UUID | None
    brin: str | None
    boa: bool
    actief: bool
    telefoon: str | None = None
    functie: str | None = None


class NieuweGebruiker(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    email: str
    naam: str = ""
    rollen: list[str]
    team: str | None = None
    brin: str | None = None
    boa: bool = False
    telefoon: Annotated[str, msgspec.Meta(max_length=40)] | None = None
    """The direct phone number letters give the addressee to call."""
    functie: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    """The function letters sign with."""


class BeheerController(Controller):
    path = "/api/v1"
    tags = ["beheer"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/me", guards=[authenticated])
    async def me(self, ctx: Ctx) -> Me:
        async with ctx.tx() as tx:
            gemeente = await tenants.gemeente(tx.conn, tx.tenant_id)
        return Me(
            id=ctx.principal.user_id,
            email=ctx.principal.email,
            naam=ctx.principal.naam,
            gemeente=gemeente.naam if gemeente else tx.tenant_id,
            gemeentecode=ctx.principal.tenant_id,
            rollen=sorted(ctx.principal.roles),
            team_id=ctx.principal.team_id,
            brin=ctx.principal.brin,
            vestiging=ctx.principal.vestiging,
            boa=ctx.principal.boa,
        )

    @get(
        "/teams",
        guards=[requires(Permission.READ_TEAMS)],
    )
    async def teams(self, ctx: Ctx, paging: Paging) -> TeamList:
        """The gemeente's teams by name (a few dozen at most: read whole, paged here)."""
        async with ctx.tx() as tx:
            rows = await tenants.teams(tx.conn)
        found = pagina_in_geheugen(
            [Team(r.id, r.naam, r.soort) for r in rows],
            paging.limit,
            paging.cursor,
            "teams",
            lambda t: (t.naam, t.id),
            (str, UUID),
        )
        return TeamList(items=found.items, next_cursor=found.next_cursor)

    @post("/teams", status_code=201, guards=[requires(Permission.ADMINISTER)])
    async def team_toevoegen(self, data: JSONBody[NieuwTeam], ctx: Ctx) -> TeamRegel:
        """A new team of the caller's gemeente (a name it does not have yet)."""
        return await teams.toevoegen(ctx, data)

    @get(
        "/teams/{team_id:uuid}",
        guards=[requires(Permission.READ_TEAMS)],
    )
    async def team(self, ctx: Ctx, team_id: FromPath[UUID]) -> Team:
        async with ctx.tx() as tx:
            row = await tx.conn.fetchrow("SELECT id, naam, soort FROM teams WHERE id = $1", team_id)
        if row is None:
            raise NotFoundException()
        return Team(row["id"], row["naam"], row["soort"])

    @get("/gebruikers", guards=[requires(Permission.ADMINISTER)])
    async def gebruikers(self, ctx: Ctx, paging: Paging) -> Pagina[GebruikerRegel]:
        """The gemeente's users with roles, team, school and BOA status."""
        return await gebruikers.lijst(ctx, limit=paging.limit, cursor=paging.cursor)

    @post("/gebruikers", status_code=201, guards=[requires(Permission.ADMINISTER)])
    async def gebruiker_toevoegen(
        self, data: JSONBody[NieuweGebruiker], ctx: Ctx
    ) -> dict[str, str]:
        """A user of the caller's own gemeente (one-line reasons as 422 on the field)."""
        try:
            user_id = await add_user(
                ctx.db,
                NewUser(
                    email=data.email,
                    tenant_id=ctx.principal.tenant_id,
                    roles=tuple(data.rollen),
                    naam=data.naam,
                    team=data.team,
                    brin=data.brin,
                    boa=data.boa,
                    telefoon=data.telefoon,
                    functie=data.functie,
                ),
                actor=ctx.principal,
                request_id=ctx.request_id,
            )
        except UserError as exc:
            raise unprocessable([FieldError(exc.veld, str(exc))]) from None
        return {"id": str(user_id)}

    @get(
        "/schoolvakanties",
        guards=[requires(Permission.READ_SCHOOLVAKANTIES)],
    )
    async def schoolvakanties(self, ctx: Ctx, paging: Paging) -> Pagina[Vakantie]:
        """The gemeente's school holidays, the latest first."""
        return await vakanties.lijst(ctx, limit=paging.limit, cursor=paging.cursor)

    @post("/schoolvakanties", status_code=200, guards=[requires(Permission.ADMINISTER)])
    async def schoolvakantie(self, data: JSONBody[Vakantie], ctx: Ctx) -> Vakantie:
        """Add or change one holiday of the gemeente (the same name and school year replaces)."""
        return await vakanties.vastleggen(ctx, data)

    @patch("/gebruikers/{user_id:uuid}", guards=[requires(Permission.ADMINISTER)])
    async def gebruiker_wijzigen(
        self, data: JSONBody[Wijziging], ctx: Ctx, user_id: FromPath[UUID]
    ) -> Gebruiker:
        """Roles, team, school, BOA status, active, name, phone or function (what a letter
        signs with; '' removes phone or function); takes effect at the user's next request."""
        try:
            found = await change_user(ctx.db, ctx.principal, user_id, data, ctx.request_id)
        except UserError as exc:
            raise unprocessable([FieldError(exc.veld, str(exc))]) from None
        if not found:
            raise NotFoundException()
        gebruiker = await _lees_gebruiker(ctx, user_id)
        assert gebruiker is not None
        return gebruiker

    @get("/gebruikers/{user_id:uuid}", guards=[requires(Permission.ADMINISTER)])
    async def gebruiker(self, ctx: Ctx, user_id: FromPath[UUID]) -> Gebruiker:
        return gevonden(await _lees_gebruiker(ctx, user_id))


async def _lees_gebruiker(ctx: RequestContext, user_id: UUID) -> Gebruiker | None:
    async with ctx.tx(purpose="gebruikersbeheer") as tx:
        row = await tx.conn.fetchrow(
            "SELECT id, email, naam, roles, team_id, brin, boa, actief, telefoon, functie"
            " FROM users WHERE id = $1",
            user_id,
        )
        if row is None:
            return None
        await record(tx, "read", "gebruiker", user_id)
    return Gebruiker(
        id=row["id"],
        email=row["email"],
        naam=row["naam"],
        rollen=list(row["roles"]),
        team_id=row["team_id"],
        brin=row["brin"],
        boa=row["boa"],
        actief=row["actief"],
        telefoon=row["telefoon"],
        functie=row["functie"],
    )
