"""API for the caller's own profile and the tenant's teams and users.

These are the first tenant-owned resources: they show the pattern every werkproces follows
(guard on the role, one tenant-scoped transaction, audit on personal data, 404 outside scope).
"""

from __future__ import annotations

from uuid import UUID

import msgspec
from litestar import Controller, get, patch, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody

from portal.audit.log import record
from portal.auth.guards import authenticated, requires
from portal.auth.permissions import Permission
from portal.auth.principal import Principal
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
from portal.context import DB, CurrentPrincipal, Cursor, Limit, RequestId, gevonden
from portal.db.paging import STANDAARD, Pagina, pagina_in_geheugen
from portal.db.pool import Database
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


class NieuweGebruiker(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    email: str
    naam: str = ""
    rollen: list[str]
    team: str | None = None
    brin: str | None = None
    boa: bool = False


class BeheerController(Controller):
    path = "/api/v1"
    tags = ["beheer"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/me", guards=[authenticated])
    async def me(self, db: DB, principal: CurrentPrincipal, request_id: RequestId) -> Me:
        async with db.tenant_tx(principal, request_id=request_id) as tx:
            gemeente = await tenants.gemeente(tx.conn, tx.tenant_id)
        return Me(
            id=principal.user_id,
            email=principal.email,
            naam=principal.naam,
            gemeente=gemeente.naam if gemeente else tx.tenant_id,
            gemeentecode=principal.tenant_id,
            rollen=sorted(principal.roles),
            team_id=principal.team_id,
            brin=principal.brin,
            vestiging=principal.vestiging,
            boa=principal.boa,
        )

    @get(
        "/teams",
        guards=[requires(Permission.READ_TEAMS)],
    )
    async def teams(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> TeamList:
        """The gemeente's teams by name (a few dozen at most: read whole, paged here)."""
        async with db.tenant_tx(principal, request_id=request_id) as tx:
            rows = await tenants.teams(tx.conn)
        found = pagina_in_geheugen(
            [Team(r.id, r.naam, r.soort) for r in rows],
            limit,
            cursor,
            "teams",
            lambda t: (t.naam, t.id),
            (str, UUID),
        )
        return TeamList(items=found.items, next_cursor=found.next_cursor)

    @post("/teams", status_code=201, guards=[requires(Permission.ADMINISTER)])
    async def team_toevoegen(
        self, data: JSONBody[NieuwTeam], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> TeamRegel:
        """A new team of the caller's gemeente (a name it does not have yet)."""
        return await teams.toevoegen(db, principal, data, request_id)

    @get(
        "/teams/{team_id:uuid}",
        guards=[requires(Permission.READ_TEAMS)],
    )
    async def team(
        self, team_id: FromPath[UUID], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Team:
        async with db.tenant_tx(principal, request_id=request_id) as tx:
            row = await tx.conn.fetchrow("SELECT id, naam, soort FROM teams WHERE id = $1", team_id)
        if row is None:
            raise NotFoundException()
        return Team(row["id"], row["naam"], row["soort"])

    @get("/gebruikers", guards=[requires(Permission.ADMINISTER)])
    async def gebruikers(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[GebruikerRegel]:
        """The gemeente's users with roles, team, school and BOA status."""
        return await gebruikers.lijst(db, principal, request_id, limit=limit, cursor=cursor)

    @post("/gebruikers", status_code=201, guards=[requires(Permission.ADMINISTER)])
    async def gebruiker_toevoegen(
        self,
        data: JSONBody[NieuweGebruiker],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> dict[str, str]:
        """A user of the caller's own gemeente (one-line reasons as 422 on the field)."""
        try:
            user_id = await add_user(
                db,
                NewUser(
                    email=data.email,
                    tenant_id=principal.tenant_id,
                    roles=tuple(data.rollen),
                    naam=data.naam,
                    team=data.team,
                    brin=data.brin,
                    boa=data.boa,
                ),
                actor=principal,
                request_id=request_id,
            )
        except UserError as exc:
            raise unprocessable([FieldError(exc.veld, str(exc))]) from None
        return {"id": str(user_id)}

    @get(
        "/schoolvakanties",
        guards=[requires(Permission.READ_SCHOOLVAKANTIES)],
    )
    async def schoolvakanties(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[Vakantie]:
        """The gemeente's school holidays, the latest first."""
        return await vakanties.lijst(db, principal, request_id, limit=limit, cursor=cursor)

    @post("/schoolvakanties", status_code=200, guards=[requires(Permission.ADMINISTER)])
    async def schoolvakantie(
        self, data: JSONBody[Vakantie], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Vakantie:
        """Add or change one holiday of the gemeente (the same name and school year replaces)."""
        return await vakanties.vastleggen(db, principal, data, request_id)

    @patch("/gebruikers/{user_id:uuid}", guards=[requires(Permission.ADMINISTER)])
    async def gebruiker_wijzigen(
        self,
        user_id: FromPath[UUID],
        data: JSONBody[Wijziging],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Gebruiker:
        """Roles, team, school, BOA status or active; takes effect at the user's next request."""
        try:
            found = await change_user(db, principal, user_id, data, request_id)
        except UserError as exc:
            raise unprocessable([FieldError(exc.veld, str(exc))]) from None
        if not found:
            raise NotFoundException()
        gebruiker = await _lees_gebruiker(db, principal, user_id, request_id)
        assert gebruiker is not None
        return gebruiker

    @get("/gebruikers/{user_id:uuid}", guards=[requires(Permission.ADMINISTER)])
    async def gebruiker(
        self, user_id: FromPath[UUID], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Gebruiker:
        return gevonden(await _lees_gebruiker(db, principal, user_id, request_id))


async def _lees_gebruiker(
    db: Database, principal: Principal, user_id: UUID, request_id: str
) -> Gebruiker | None:
    async with db.tenant_tx(principal, request_id=request_id, purpose="gebruikersbeheer") as tx:
        row = await tx.conn.fetchrow(
            "SELECT id, email, naam, roles, team_id, brin, boa, actief FROM users WHERE id = $1",
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
    )
