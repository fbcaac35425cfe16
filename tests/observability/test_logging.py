"""No BSN, name or address reaches a log line; every request has an id."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
import structlog

from portal.observability.logging import configure_logging, scrub_personal_data
from tests.conftest import AMSTERDAM, UserFactory


def test_personal_keys_are_redacted_and_bsn_shapes_masked() -> None:
    event = scrub_personal_data(
        None,
        "info",
        {
            "event": "melding 123456782 ontvangen",
            "bsn": "111222333",
            "naam": "Jan Jansen",
            "geslachtsnaam": "Jansen",
            "postcode": "1011AB",
            "detail": {"nested": "x"},
            "count": 3,
            "phone_or_id": "tel 0612345678 en bsn 999999990",
            "uuid": "1234567890",  # ten digits: not a BSN shape
            # A random id may hold nine digits in a row (a flaky run found one): still an id.
            "user_id": "b79758ce-b08f-419b-8608-8fe573578023",
            "text_with_id": "gebruiker b79758ce-b08f-419b-8608-8fe573578023 en bsn 123456782",
        },
    )
    assert event["event"] == "melding [redacted] ontvangen"
    assert (
        event["bsn"] == event["naam"] == event["geslachtsnaam"] == event["postcode"] == "[redacted]"
    )
    assert "999999990" not in event["phone_or_id"]
    assert event["uuid"] == "1234567890"
    assert event["user_id"] == "b79758ce-b08f-419b-8608-8fe573578023"
    assert "123456782" not in event["text_with_id"]  # in text, nine digits are still masked
    assert event["count"] == 3


def test_rendered_json_line_has_no_bsn(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "json")
    structlog.contextvars.bind_contextvars(request_id="r1", tenant=AMSTERDAM)
    structlog.get_logger("t").info("zoek", query="bsn=123456782", bsn="123456782")
    structlog.contextvars.clear_contextvars()
    line = capsys.readouterr().err.strip().splitlines()[-1]
    record = json.loads(line)
    assert "123456782" not in line
    assert record["request_id"] == "r1"
    assert record["tenant"] == AMSTERDAM


async def test_request_id_is_echoed_or_generated(client: httpx.AsyncClient) -> None:
    given = await client.get("/health", headers={"X-Request-ID": "abc-123-def-456"})
    assert given.headers["x-request-id"] == "abc-123-def-456"
    hostile = await client.get("/health", headers={"X-Request-ID": "x\r\nSet-Cookie: a=b"})
    assert hostile.headers["x-request-id"] != "x\r\nSet-Cookie: a=b"
    assert len(hostile.headers["x-request-id"]) == 32


async def test_access_log_of_a_request_carries_ids_but_no_query(
    client: httpx.AsyncClient, make_user: UserFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import bearer

    configure_logging("INFO", "json")
    principal = await make_user(AMSTERDAM)
    tokens = client._transport.app.state.tokens  # type: ignore[attr-defined]
    await client.get("/api/v1/me?bsn=123456782", headers=bearer(tokens, principal))
    # The access line is written once the response has gone out, so it may trail the answer the
    # client already has (on a busy machine it did): read until it is there.
    lines: list[dict[str, Any]] = []
    access: list[dict[str, Any]] = []
    for _ in range(100):
        err = capsys.readouterr().err
        lines += [json.loads(x) for x in err.splitlines() if x.startswith("{")]
        access = [x for x in lines if x.get("event") == "request" and x.get("path") == "/api/v1/me"]
        if access:
            break
        await asyncio.sleep(0.02)
    assert access
    assert access[-1]["tenant"] == AMSTERDAM
    assert access[-1]["user_id"] == str(principal.user_id)
    assert "123456782" not in json.dumps(lines)
