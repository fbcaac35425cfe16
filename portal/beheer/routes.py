"""API for the caller's own profile and the tenant's teams and users.

These are the first tenant-owned resources: they show the pattern every werkproces follows
(guard on the role, one tenant-scoped transaction, audit on personal data, 404 outside scope).
"""

from __future__ import annotations

from uuid import UUID

import msgspec
from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from portal.audit.log import record
from portal.auth.guards import authenticated, requires
from portal.auth.principal import Role
from portal.context import DB, CurrentPrincipal, RequestId
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
        guards=[
            requires(
                Role.FUNCTIONEEL_BEHEERDER,
                Role.TEAMMANAGER,
                Role.LEERPLICHTAMBTENAAR,
                Role.ADMINISTRATIEF_MEDEWERKER,
            )
        ],
    )
    async def teams(self, db: DB, principal: CurrentPrincipal, request_id: RequestId) -> TeamList:
        async with db.tenant_tx(principal, request_id=request_id) as tx:
            rows = await tx.conn.fetch("SELECT id, naam, soort FROM teams ORDER BY naam")
        return TeamList(items=[Team(r["id"], r["naam"], r["soort"]) for r in rows])

    @get(
        "/teams/{team_id:uuid}",
        guards=[
            requires(
                Role.FUNCTIONEEL_BEHEERDER,
                Role.TEAMMANAGER,
                Role.LEERPLICHTAMBTENAAR,
                Role.ADMINISTRATIEF_MEDEWERKER,
            )
        ],
    )
    async def team(
        self, team_id: FromPath[UUID], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Team:
        async with db.tenant_tx(principal, request_id=request_id) as tx:
            row = await tx.conn.fetchrow("SELECT id, naam, soort FROM teams WHERE id = $1", team_id)
        if row is None:
            raise NotFoundException()
        return Team(row["id"], row["naam"], row["soort"])

    @get("/gebruikers/{user_id:uuid}", guards=[requires(Role.FUNCTIONEEL_BEHEERDER)])
    async def gebruiker(
        self, user_id: FromPath[UUID], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Gebruiker:
        async with db.tenant_tx(principal, request_id=request_id, purpose="gebruikersbeheer") as tx:
            row = await tx.conn.fetchrow(
                "SELECT id, email, naam, roles, team_id, brin, boa, actief"
                " FROM users WHERE id = $1",
                user_id,
            )
            if row is None:
                raise NotFoundException()
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
