"""The database away: every request is a 503 problem with Retry-After (a page: a Dutch page),
`/ready` is 503, `/health` stays 200; when it is back, requests succeed again on their own.
The database is taken away for real: the portal talks to it through a TCP proxy the test stops."""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import parse_qs, urlsplit, urlunsplit

from portal.app import create_app
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.settings import Settings
from tests.conftest import AMSTERDAM, UserFactory, bearer, serve_in_loop


class Proxy:
    """Forwards 127.0.0.1:<port> to the test database's server (TCP or its Unix socket)."""

    def __init__(self, dsn: str) -> None:
        parts = urlsplit(dsn)
        socket_dir = parse_qs(parts.query).get("host", [""])[0]
        self.unix = f"{socket_dir}/.s.PGSQL.{parts.port or 5432}" if socket_dir else None
        self.tcp = (parts.hostname or "127.0.0.1", parts.port or 5432)
        self.server: asyncio.Server | None = None
        self.port = 0
        self.streams: list[asyncio.StreamWriter] = []

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.streams:
            writer.close()
        self.streams.clear()
        await self.server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.unix:
            up_reader, up_writer = await asyncio.open_unix_connection(self.unix)
        else:
            up_reader, up_writer = await asyncio.open_connection(*self.tcp)
        self.streams += [writer, up_writer]

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError, OSError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    def dsn(self, dsn: str) -> str:
        parts = urlsplit(dsn)
        login = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
        return urlunsplit(parts._replace(netloc=f"{login}127.0.0.1:{self.port}", query=""))


async def test_database_down_is_503_with_retry_after_and_requests_recover(
    settings: Settings, admin_dsn: str, tokens: TokenService, make_user: UserFactory
) -> None:
    user = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    proxy = Proxy(admin_dsn)
    await proxy.start()
    database = await Database.connect(settings, proxy.dsn(admin_dsn), min_size=1, max_size=2)
    try:
        async with serve_in_loop(create_app(settings, database=database)) as http:
            headers = bearer(tokens, user)
            assert (await http.get("/api/v1/me", headers=headers)).status_code == 200

            await proxy.stop()
            down = await http.get("/api/v1/me", headers=headers)
            assert down.status_code == 503, down.text
            assert down.headers["retry-after"] == "5"
            assert down.headers["content-type"].startswith("application/problem+json")
            assert down.json()["status"] == 503
            page = await http.get("/jongeren", headers={"accept": "text/html"})
            assert page.status_code in (503, 302, 303)  # no session: the login page first
            ready = await http.get("/ready")
            assert ready.status_code == 503
            assert ready.headers["retry-after"] == "5"
            assert (await http.get("/health")).status_code == 200

            await proxy.start()  # the same port: the database is back
            statuses = []
            for _ in range(10):
                statuses.append((await http.get("/api/v1/me", headers=headers)).status_code)
                if statuses[-1] == 200:
                    break
                await asyncio.sleep(0.2)
            assert statuses[-1] == 200, statuses
            assert set(statuses) <= {200, 503}
            assert (await http.get("/ready")).status_code == 200
    finally:
        await database.close()
        with contextlib.suppress(Exception):
            await proxy.stop()
