"""Server-side page sessions with idle and absolute timeouts, and their CSRF token.

The cookie carries 256 random bits; the database keeps only their SHA-256, so a copy of the table
cannot be replayed as cookies. Each session has its own synchronizer CSRF token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from uuid import UUID

from portal.auth.principal import Principal, principal_from_row
from portal.db.types import Conn

COOKIE_NAME = "rmc_session"
LOGIN_CSRF_COOKIE = "rmc_login_csrf"


@dataclass(frozen=True)
class SessionInfo:
    principal: Principal
    csrf_token: str
    id_hash: bytes


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


async def create_session(conn: Conn, user_id: UUID) -> tuple[str, str]:
    """Returns (cookie value, csrf token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    await conn.execute(
        "INSERT INTO web_sessions (id_hash, user_id, csrf_token) VALUES ($1, $2, $3)",
        _hash(token),
        user_id,
        csrf,
    )
    return token, csrf


async def load_session(
    conn: Conn, token: str, *, idle_seconds: int, absolute_seconds: int
) -> SessionInfo | None:
    """The live session behind a cookie, touching its idle clock; None when expired or unknown."""
    row = await conn.fetchrow(
        """WITH s AS (
               UPDATE web_sessions SET last_seen_at = now()
               WHERE id_hash = $1
                 AND last_seen_at > now() - make_interval(secs => $2)
                 AND created_at > now() - make_interval(secs => $3)
               RETURNING user_id, csrf_token)
           SELECT s.csrf_token, u.* FROM s CROSS JOIN LATERAL auth_user_by_id(s.user_id) u""",
        _hash(token),
        float(idle_seconds),
        float(absolute_seconds),
    )
    if row is None:
        return None
    return SessionInfo(principal_from_row(row), row["csrf_token"], _hash(token))


async def end_session(conn: Conn, id_hash: bytes) -> None:
    await conn.execute("DELETE FROM web_sessions WHERE id_hash = $1", id_hash)


async def purge_expired(conn: Conn, *, idle_seconds: int, absolute_seconds: int) -> int:
    """Delete expired sessions and abandoned OIDC logins (run by the worker)."""
    result = await conn.execute(
        "DELETE FROM web_sessions WHERE last_seen_at <= now() - make_interval(secs => $1)"
        " OR created_at <= now() - make_interval(secs => $2)",
        float(idle_seconds),
        float(absolute_seconds),
    )
    await conn.execute(
        "DELETE FROM oidc_login_states WHERE created_at <= now() - interval '15 minutes'"
    )
    return int(result.split()[-1])


def csrf_matches(expected: str, given: str | None) -> bool:
    return given is not None and secrets.compare_digest(expected.encode(), given.encode())
