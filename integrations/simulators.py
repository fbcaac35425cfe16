"""Partner simulators on loopback, for the demo and the fault test.

Each simulator answers like its partner (as modelled in `integrations/<partner>/messages.py`),
processes a message once per `Idempotency-Key` (a repeat gets the first answer and counts as a
duplicate absorbed), and can be told to fail a share of calls (503), hang (and not process), or drop
its answer (process, then hang past the client's timeout, so the client never learns it worked),
or refuse it outright (422, so the portal parks it as dead and a beheerder can re-send it).
`GET /_sim/stats` tells what it saw; `PUT /_sim/faults` changes the faults while it runs.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec
from litestar import Litestar, Request, Response, get, post, put
from litestar.params import FromPath, JSONBody


class Faults(msgspec.Struct):
    reject: float = 0.0
    """Share refused with 422: the portal parks such a message as dead at once."""
    fail: float = 0.0
    hang: float = 0.0
    drop: float = 0.0
    hang_seconds: float = 30.0


class Stats(msgspec.Struct):
    processed: int = 0
    duplicates: int = 0
    failed: int = 0
    rejected: int = 0
    hung: int = 0
    dropped: int = 0
    keys: list[str] = msgspec.field(default_factory=list)


@dataclass
class _State:
    faults: Faults
    stats: Stats = field(default_factory=Stats)
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)
    sent: dict[str, Any] = field(default_factory=dict)


Answer = Callable[[int, Request[Any, Any, Any], Any], dict[str, Any]]
INKOMENS = ("geen", "tot_300", "boven_300", "uitkering", "wajong", "onbekend")

ANSWERS: dict[str, dict[str, Answer]] = {
    "halt": {
        "/verwijzingen": lambda n, _r, _b: {"halt_zaaknummer": f"H-{n:06d}", "status": "ontvangen"},
    },
    "duo": {
        "/verzuimmeldingen": lambda n, _r, _b: {"duo_melding_id": f"DUO-M{n:06d}"},
        "/verzuimmeldingen/{ref:str}/status": lambda n, _r, _b: {"duo_kenmerk": f"DUO-{n:06d}"},
        "/vrijstellingen": lambda n, _r, _b: {"duo_kenmerk": f"DUO-V{n:06d}"},
    },
    "veilig_thuis": {
        "/adviesvragen": lambda n, _r, _b: {"vt_referentie": f"VT-A{n:06d}", "status": "ontvangen"},
        "/meldingen": lambda n, _r, _b: {"vt_referentie": f"VT-M{n:06d}", "status": "ontvangen"},
    },
    "inspectie": {
        "/contactformulier": lambda n, _r, _b: {"inspectie_kenmerk": f"IvhO-{n:06d}"},
        "/adviesverzoeken": lambda n, _r, _b: {"inspectie_kenmerk": f"IvhO-A{n:06d}"},
    },
    "arbeidsinspectie": {
        "/meldingen": lambda n, _r, _b: {"ai_kenmerk": f"AI-{n:06d}"},
        "/signalen": lambda n, _r, _b: {"ai_kenmerk": f"AI-S{n:06d}"},
    },
    "gemeente": {
        "/gemeenten/{code:str}/overdrachten": lambda n, r, _b: {
            "kenmerk": f"{r.path_params['code']}-{n:06d}"
        },
    },
    "om": {
        "/processen-verbaal": lambda n, _r, _b: {"om_kenmerk": f"OM-{n:06d}"},
    },
    "raad_kinderbescherming": {
        "/consultaties": lambda n, _r, _b: {"raad_kenmerk": f"RvdK-{n:06d}"},
    },
    "inlichtingenbureau": {
        "/vsv-lijsten": lambda n, _r, b: {
            "ib_kenmerk": f"IB-{n:06d}",
            "aantal": len(b.get("regels", [])),
        },
    },
    "svb": {
        "/leerplicht/meldingen": lambda n, _r, _b: {"svb_referentie": f"SVB-{n:06d}"},
        "/leerplicht/meldingen/{ref:str}/intrekking": lambda _n, r, _b: {
            "svb_referentie": r.path_params["ref"]
        },
    },
}


def create_simulator(partner: str, faults: Faults | None = None, seed: int = 0) -> Litestar:
    if partner not in ANSWERS:
        raise ValueError(f"geen simulator voor partner '{partner}'")
    state = _State(faults or Faults())
    rng = random.Random(seed)  # noqa: S311 - fault injection, not a secret
    lock = asyncio.Lock()

    def handler(path: str, answer: Answer) -> Any:
        async def handle(request: Request[Any, Any, Any]) -> Response[Any]:
            key = request.headers.get("idempotency-key")
            if not key:
                return Response({"fout": "Idempotency-Key ontbreekt"}, status_code=400)
            current, stats, seen = state.faults, state.stats, state.seen
            if current.reject and rng.random() < current.reject:
                stats.rejected += 1
                return Response({"fout": "bericht geweigerd"}, status_code=422)
            roll = rng.random()
            if roll < current.fail:
                stats.failed += 1
                return Response({"fout": "tijdelijk niet beschikbaar"}, status_code=503)
            if roll < current.fail + current.hang:
                stats.hung += 1
                await asyncio.sleep(current.hang_seconds)
                return Response({"fout": "te laat"}, status_code=503)
            try:  # read before processing: a client gone mid-body has not been processed
                sent = msgspec.json.decode(await request.body())
            except msgspec.DecodeError:
                return Response({"fout": "geen JSON"}, status_code=400)
            async with lock:  # no await inside: processing a key is all or nothing
                if key in seen:
                    stats.duplicates += 1
                    body = seen[key]
                else:
                    stats.processed += 1
                    stats.keys.append(key)
                    body = seen[key] = answer(stats.processed, request, sent)
                    state.sent[key] = sent
            if rng.random() < current.drop:
                stats.dropped += 1
                await asyncio.sleep(current.hang_seconds)  # processed, but the answer is lost
            return Response(body, status_code=201)

        return post(path, name=f"{partner}:{path}")(handle)

    @get("/_sim/stats", sync_to_thread=False)
    def stats_route() -> Stats:
        return state.stats

    @put("/_sim/faults", sync_to_thread=False)
    def faults_route(data: JSONBody[Faults]) -> Faults:
        state.faults = data
        return data

    routes = [handler(path, answer) for path, answer in ANSWERS[partner].items()]
    if partner == "duo":

        @get("/feed", sync_to_thread=False)
        def feed_route() -> dict[str, Any]:
            """DUO's feed of meldingen; the simulator has none to hand out."""
            return {"verzuimmeldingen": [], "mutaties": [], "volgende": None}

        routes.append(feed_route)
    if partner == "inlichtingenbureau":

        @get("/vsv-lijsten/{kenmerk:str}", sync_to_thread=False)
        def verrijking_route(kenmerk: FromPath[str]) -> Response[Any]:
            """The enriched list: an income class per jongere, the same for a BSN every time."""
            for key, answer in state.seen.items():
                if answer.get("ib_kenmerk") == kenmerk:
                    lijst = state.sent[key]
                    regels = [
                        {"bsn": r["bsn"], "inkomen": INKOMENS[int(r["bsn"]) % len(INKOMENS)]}
                        for r in lijst["regels"]
                    ]
                    body = {"lijst_id": lijst["lijst_id"], "status": "gereed", "regels": regels}
                    return Response(body, status_code=200)
            return Response({"fout": "onbekend kenmerk"}, status_code=404)

        routes.append(verrijking_route)
    return Litestar([*routes, stats_route, faults_route], logging_config=None)


SIMULATED = tuple(ANSWERS)
