"""Refuses NUL characters in any input before a handler sees it, naming every field at once.

PostgreSQL cannot store U+0000 in text, so a NUL that reached a query used to end as a 500
(`CharacterNotInRepertoireError`) on whichever route let it through. Here, once, where requests
come in: the query string, the path, and JSON or form bodies, walked to the end, so that the answer
is a 422 with each offending field (`vaststellingen.verslag`, `melder.naam`, `zoek`, `cursor`) and
nothing is written. Other bodies (a PDF, a CSV upload) are not text fields and pass untouched.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import parse_qsl

import msgspec
from litestar.middleware import ASGIMiddleware
from litestar.types import (
    ASGIApp,
    HTTPRequestEvent,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Receive,
    ReceiveMessage,
    Scope,
    Send,
)

from portal.problems import PROBLEM_JSON, FieldError, ProblemBody

NUL = "\x00"
REDEN = "bevat een NUL-teken (\\u0000); dat teken kan niet worden opgeslagen: laat het weg"
_MAX_VELDEN = 50
MAX_BODY = 10 * 1024 * 1024
"""Litestar's own default limit on a request body; a text body past it is refused (413) here
before it is held in memory whole."""


class TeGroot(Exception):
    pass


def nul_velden(waarde: Any, pad: str = "") -> list[str]:
    """The dotted paths of every string (or key) in a decoded JSON value holding a NUL."""
    gevonden: list[str] = []
    if isinstance(waarde, str):
        if NUL in waarde:
            gevonden.append(pad or "body")
    elif isinstance(waarde, dict):
        for sleutel, kind in waarde.items():
            naam = f"{pad}.{sleutel}" if pad else str(sleutel)
            if NUL in str(sleutel):
                gevonden.append(naam.replace(NUL, "\\u0000"))
            gevonden += nul_velden(kind, naam)
    elif isinstance(waarde, list):
        for i, kind in enumerate(waarde):
            gevonden += nul_velden(kind, f"{pad}[{i}]" if pad else f"[{i}]")
    return gevonden


def _formulier(tekst: str) -> list[str]:
    return [
        k.replace(NUL, "\\u0000") or "body"
        for k, v in parse_qsl(tekst, keep_blank_values=True)
        if NUL in k or NUL in v
    ]


class NulGuardMiddleware(ASGIMiddleware):
    scopes = ("http",)  # type: ignore[assignment]

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        velden: list[str] = []
        if NUL in scope.get("path", ""):
            velden.append("path")
        query = scope.get("query_string", b"").decode("latin-1")
        if "%00" in query or NUL in query:
            velden += _formulier(query)
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        soort = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        replay = receive
        if soort in (b"application/json", b"application/x-www-form-urlencoded") or soort.endswith(
            b"+json"
        ):
            try:
                body, replay = await _lees(receive)
            except TeGroot:
                await _weiger(scope, send, [], status=413)
                return
            if b"\\u0000" in body or b"\x00" in body or b"%00" in body:
                velden += _velden_uit(body, soort)
        if velden:
            await _weiger(scope, send, velden[:_MAX_VELDEN])
            return
        await next_app(scope, replay, send)


def _velden_uit(body: bytes, soort: bytes) -> list[str]:
    if soort == b"application/x-www-form-urlencoded":
        return _formulier(body.decode("utf-8", "replace"))
    try:
        return nul_velden(msgspec.json.decode(body))
    except msgspec.DecodeError:
        return []  # not JSON at all: the handler's own decoding answers 400


async def _lees(receive: Receive) -> tuple[bytes, Receive]:
    """The whole body, and a `receive` that hands it on unchanged."""
    delen: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        delen.append(message.get("body", b""))
        if sum(map(len, delen)) > MAX_BODY:
            raise TeGroot
        if not message.get("more_body", False):
            break
    body = b"".join(delen)
    gegeven = False

    async def replay() -> ReceiveMessage:
        nonlocal gegeven
        if not gegeven:
            gegeven = True
            event: HTTPRequestEvent = {"type": "http.request", "body": body, "more_body": False}
            return event
        return await receive()

    return body, replay


async def _weiger(scope: Scope, send: Send, velden: list[str], status: int = 422) -> None:
    pad = scope.get("path", "")
    accept = {k.lower(): v for k, v in scope.get("headers", [])}.get(b"accept", b"")
    if status == 413:
        inhoud = msgspec.json.encode(
            ProblemBody(
                type="about:blank",
                title="Verzoek te groot",
                status=413,
                detail=f"Een verzoek is ten hoogste {MAX_BODY // (1024 * 1024)} MB.",
            )
        )
        media = PROBLEM_JSON.encode()
    elif not pad.startswith("/api/") and b"text/html" in accept:
        lijst = "".join(f"<li>{html.escape(v)}: {html.escape(REDEN)}</li>" for v in velden)
        inhoud = (
            '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
            "<title>Fout: ongeldig teken</title></head><body><h1>Fout: ongeldig teken</h1>"
            f"<ul>{lijst}</ul><p>Ga terug en pas de invoer aan.</p></body></html>"
        ).encode()
        media = b"text/html; charset=utf-8"
    else:
        inhoud = msgspec.json.encode(
            ProblemBody(
                type="about:blank",
                title="Verzoek voldoet niet aan de regels",
                status=422,
                detail="Een of meer velden bevatten een NUL-teken.",
                instance=pad.replace(NUL, "\\u0000"),
                errors=[FieldError(v, REDEN) for v in velden],
            )
        )
        media = PROBLEM_JSON.encode()
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", media), (b"content-length", str(len(inhoud)).encode())],
    }
    await send(start)
    body: HTTPResponseBodyEvent = {"type": "http.response.body", "body": inhoud, "more_body": False}
    await send(body)
