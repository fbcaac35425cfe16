"""The gemeente's portal users: adding them (`rmc-portal users add`, the functioneel beheerder's
page and API), changing them, and the beheerder's list (no dossier content: names, roles, team,
school, BOA status, whether active).

Rules are checked here first so that an operator gets a sentence, not a constraint name; the
database's constraints stay as the backstop.
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

import asyncpg
import msgspec

from portal.audit.log import record, record_many
from portal.auth.principal import Principal, Role
from portal.db.paging import STANDAARD, Pagina, lees_cursor, pagina
from portal.db.pool import Database
from portal.db.request_context import RequestContext

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_BRIN = re.compile(r"^[0-9]{2}[A-Z0-9]{2}$")
_BOA_ROLES = {Role.LEERPLICHTAMBTENAAR, Role.TEAMMANAGER}


class UserError(ValueError):
    """The new user breaks a rule; the message is one line for the CLI or a form, `veld` names the
    input it is about (the form's field; the CLI adds its option)."""

    def __init__(self, veld: str, message: str) -> None:
        super().__init__(message)
        self.veld = veld

    def cli(self) -> str:
        optie = {"email": "--email", "tenant": "--tenant", "rollen": "--role", "team": "--team"}
        flag = optie.get(self.veld, f"--{self.veld}")
        return f"{self} ({flag})"


class NewUser(msgspec.Struct, frozen=True, kw_only=True):
    email: str
    tenant_id: str
    roles: tuple[str, ...]
    naam: str = ""
    team: str | None = None
    brin: str | None = None
    vestiging: str | None = None
    boa: bool = False
    telefoon: str | None = None
    """The direct phone number letters give the addressee to call."""
    functie: str | None = None
    """The function letters sign with (e.g. leerplichtambtenaar)."""


_TELEFOON = re.compile(r"^\+?[0-9][0-9 ()-]{5,24}$")


def _contact(telefoon: str | None, functie: str | None) -> None:
    if telefoon is not None and (
        not _TELEFOON.match(telefoon) or sum(c.isdigit() for c in telefoon) < 9
    ):
        raise UserError(
            "telefoon", f"telefoonnummer '{telefoon}' klopt niet: 10 cijfers (bijv. 020-552 3456)"
        )
    if functie is not None and not 1 <= len(functie.strip()) <= 100:
        raise UserError("functie", "een functie is 1 tot 100 tekens (bijv. leerplichtambtenaar)")


def validate(user: NewUser) -> tuple[Role, ...]:
    if not _EMAIL.match(user.email):
        raise UserError("email", f"'{user.email}' is geen geldig e-mailadres")
    if not re.fullmatch(r"[0-9]{4}", user.tenant_id):
        raise UserError(
            "tenant", f"gemeentecode '{user.tenant_id}' moet uit 4 cijfers bestaan (bijv. 0363)"
        )
    if not user.roles:
        raise UserError("rollen", "geef minstens één rol op")
    roles: list[Role] = []
    for value in user.roles:
        try:
            roles.append(Role(value))
        except ValueError:
            allowed = ", ".join(r.value for r in Role)
            raise UserError("rollen", f"onbekende rol '{value}'; kies uit: {allowed}") from None
    if user.brin is not None and not _BRIN.match(user.brin):
        raise UserError(
            "brin", f"BRIN '{user.brin}' moet 2 cijfers en 2 letters/cijfers zijn (bijv. 20AA)"
        )
    if user.vestiging is not None and not re.fullmatch(r"[0-9]{2}", user.vestiging):
        raise UserError(
            "vestiging", f"vestiging '{user.vestiging}' moet uit 2 cijfers bestaan (bijv. 00)"
        )
    if Role.SCHOOL in roles and user.brin is None:
        raise UserError("brin", "een gebruiker met de rol school heeft een BRIN-nummer nodig")
    if user.boa and not _BOA_ROLES.intersection(roles):
        raise UserError("boa", "BOA past alleen bij een leerplichtambtenaar of teammanager")
    _contact(user.telefoon, user.functie)
    return tuple(roles)


async def add_user(
    db: Database, user: NewUser, *, actor: Principal | None = None, request_id: str | None = None
) -> UUID:
    roles = validate(user)
    async with db.system_conn() as conn:
        if not await conn.fetchval("SELECT 1 FROM tenants WHERE id = $1", user.tenant_id):
            raise UserError("tenant", f"gemeentecode '{user.tenant_id}' hoort niet bij de regio")
    try:
        async with db.tenant_tx(
            actor, tenant_id=user.tenant_id, request_id=request_id, purpose="gebruikersbeheer"
        ) as tx:
            team_id = None
            if user.team is not None:
                team_id = await tx.conn.fetchval("SELECT id FROM teams WHERE naam = $1", user.team)
                if team_id is None:
                    known = await tx.conn.fetch("SELECT naam FROM teams ORDER BY naam")
                    names = ", ".join(r["naam"] for r in known)
                    raise UserError(
                        "team", f"team '{user.team}' bestaat niet in deze gemeente; wel: {names}"
                    )
            user_id: UUID = await tx.conn.fetchval(
                "INSERT INTO users (tenant_id, email, naam, roles, team_id, brin, vestiging, boa,"
                " telefoon, functie) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                " RETURNING id",
                user.tenant_id,
                user.email,
                user.naam or user.email.split("@")[0],
                [r.value for r in roles],
                team_id,
                user.brin,
                user.vestiging,
                user.boa,
                user.telefoon,
                user.functie.strip() if user.functie else None,
            )
            await record(
                tx, "create", "gebruiker", user_id, detail={"rollen": [r.value for r in roles]}
            )
    except asyncpg.UniqueViolationError:
        raise UserError(
            "email", f"er bestaat al een gebruiker met e-mailadres {user.email}"
        ) from None
    return user_id


class Wijziging(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A change to an existing user; a field left out stays as it is."""

    rollen: list[str] | None = None
    team: str | None = None
    brin: str | None = None
    boa: bool | None = None
    actief: bool | None = None
    naam: str | None = None
    telefoon: str | None = None
    """'' removes the number."""
    functie: str | None = None
    """'' removes the function."""


async def change_user(
    db: Database, actor: Principal, user_id: UUID, w: Wijziging, request_id: str
) -> bool:
    """Roles, team, school, BOA status or active of a user of the actor's own gemeente; False when
    the user is not there. A beheerder cannot switch themselves off or drop their own beheer role:
    the gemeente would be left without anyone to undo it."""
    if user_id == actor.user_id and (
        w.actief is False
        or (w.rollen is not None and Role.FUNCTIONEEL_BEHEERDER.value not in w.rollen)
    ):
        raise UserError("actief", "u kunt uw eigen beheerrechten niet intrekken")
    async with db.tenant_tx(actor, request_id=request_id, purpose="gebruikersbeheer") as tx:
        row = await tx.conn.fetchrow(
            "SELECT u.email, u.naam, u.roles, t.naam AS team, u.brin, u.vestiging, u.boa,"
            " u.actief, u.telefoon, u.functie"
            " FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = $1 FOR UPDATE OF u",
            user_id,
        )
        if row is None:
            return False
        new = NewUser(
            email=row["email"],
            tenant_id=tx.tenant_id,
            roles=tuple(w.rollen if w.rollen is not None else row["roles"]),
            team=w.team if w.team is not None else row["team"],
            brin=(w.brin or None) if w.brin is not None else row["brin"],
            vestiging=row["vestiging"],
            boa=w.boa if w.boa is not None else row["boa"],
            naam=(w.naam.strip() or row["naam"]) if w.naam is not None else row["naam"],
            telefoon=(w.telefoon.strip() or None) if w.telefoon is not None else row["telefoon"],
            functie=(w.functie.strip() or None) if w.functie is not None else row["functie"],
        )
        roles = validate(new)
        team_id = None
        if new.team:
            team_id = await tx.conn.fetchval("SELECT id FROM teams WHERE naam = $1", new.team)
            if team_id is None:
                raise UserError("team", f"team '{new.team}' bestaat niet in deze gemeente")
        actief = w.actief if w.actief is not None else row["actief"]
        await tx.conn.execute(
            "UPDATE users SET roles = $2, team_id = $3, brin = $4, boa = $5, actief = $6,"
            " naam = $7, telefoon = $8, functie = $9 WHERE id = $1",
            user_id,
            [r.value for r in roles],
            team_id,
            new.brin,
            new.boa,
            actief,
            new.naam,
            new.telefoon,
            new.functie,
        )
        await record(
            tx,
            "update",
            "gebruiker",
            user_id,
            detail={"rollen": [r.value for r in roles], "boa": new.boa, "actief": actief},
        )
    return True


class GebruikerRegel(msgspec.Struct, frozen=True):
    id: UUID
    email: str
    naam: str
    rollen: list[str]
    team: str | None
    brin: str | None
    boa: bool
    actief: bool
    telefoon: str | None = None
    functie: str | None = None


async def lijst(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[GebruikerRegel]:
    """The gemeente's users by name; the cursor holds the last one's id, never a name."""
    na = lees_cursor(cursor, "gebruikers", UUID)[0]
    async with ctx.tx(purpose="gebruikersbeheer") as tx:
        rows = await tx.conn.fetch(
            "SELECT u.id, u.email, u.naam, u.roles, t.naam AS team, u.brin, u.boa, u.actief,"
            " u.telefoon, u.functie"
            " FROM users u LEFT JOIN teams t ON t.id = u.team_id"
            " WHERE $1::uuid IS NULL OR (u.naam, u.id) > (SELECT n.naam, n.id FROM users n"
            " WHERE n.id = $1) ORDER BY u.naam, u.id LIMIT $2",
            na,
            limit + 1,
        )
        shown = rows[:limit]
        await record_many(
            tx, "read", "gebruiker", [str(r["id"]) for r in shown], [None] * len(shown)
        )
    return pagina(
        rows,
        limit,
        "gebruikers",
        lambda r: (r["id"],),
        _regel,
    )


async def een(ctx: RequestContext, user_id: UUID) -> GebruikerRegel | None:
    """One user of the gemeente as the list shows it (another gemeente's is not found)."""
    async with ctx.tx(purpose="gebruikersbeheer") as tx:
        r = await tx.conn.fetchrow(
            "SELECT u.id, u.email, u.naam, u.roles, t.naam AS team, u.brin, u.boa, u.actief,"
            " u.telefoon, u.functie"
            " FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = $1",
            user_id,
        )
        if r is None:
            return None
        await record_many(tx, "read", "gebruiker", [str(r["id"])], [None])
    return _regel(r)


def _regel(r: Any) -> GebruikerRegel:
    return GebruikerRegel(
        r["id"],
        r["email"],
        r["naam"],
        list(r["roles"]),
        r["team"],
        r["brin"],
        r["boa"],
        r["actief"],
        r["telefoon"],
        r["functie"],
    )
