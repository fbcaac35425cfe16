"""The simulators answer like their partners, process a key once, and inject faults on request."""

from __future__ import annotations

import httpx
import msgspec
import pytest

from integrations.simulators import ANSWERS, SIMULATED, Faults, create_simulator


@pytest.mark.parametrize("partner", SIMULATED)
async def test_each_route_processes_a_key_once(partner: str) -> None:
    app = create_simulator(partner)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sim"
    ) as sim:
        for path in ANSWERS[partner]:
            url = path.replace("{ref:str}", "REF-1").replace("{code:str}", "0599")
            first = await sim.post(url, json={}, headers={"Idempotency-Key": f"k-{url}"})
            again = await sim.post(url, json={}, headers={"Idempotency-Key": f"k-{url}"})
            assert first.status_code == again.status_code == 201
            assert first.json() == again.json()
            assert (await sim.post(url, json={})).status_code == 400  # no key: refused
        stats = (await sim.get("/_sim/stats")).json()
    assert stats["processed"] == len(ANSWERS[partner])
    assert stats["duplicates"] == len(ANSWERS[partner])


async def test_faults_can_be_switched_on_while_running() -> None:
    app = create_simulator("halt", seed=1)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sim"
    ) as sim:
        await sim.put("/_sim/faults", content=msgspec.json.encode(Faults(fail=1.0)))
        refused = await sim.post("/verwijzingen", json={}, headers={"Idempotency-Key": "x"})
        assert refused.status_code == 503
        stats = (await sim.get("/_sim/stats")).json()
    assert (stats["failed"], stats["processed"]) == (1, 0)


def test_unknown_partner_has_no_simulator() -> None:
    with pytest.raises(ValueError, match="geen simulator"):
        create_simulator("postnl")


async def test_reject_refuses_with_422_without_processing() -> None:
    app = create_simulator("svb", seed=1)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sim"
    ) as sim:
        await sim.put("/_sim/faults", content=msgspec.json.encode(Faults(reject=1.0)))
        refused = await sim.post("/leerplicht/meldingen", json={}, headers={"Idempotency-Key": "y"})
        stats = (await sim.get("/_sim/stats")).json()
    assert refused.status_code == 422
    assert (stats["rejected"], stats["processed"]) == (1, 0)
