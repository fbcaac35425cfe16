"""The letters a case step drafts: who receives what, the tenant's own templates, and every
default letter rendered with what its article requires."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.brieven.voorbeeld import VEREIST, VOORBEELD, ontbreekt
from portal.clock import SystemClock, vandaag
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import (
    step,
)

VANDAAG = vandaag(SystemClock())


async def test_steps_draft_letters_and_the_school_gets_only_its_copy(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> None:
    import hashlib

    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    zaak = (
        await client.post(
            "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
        )
    ).json()["id"]
    await step(client, tokens, lpa, zaak, "beoordelen")
    invited = (await step(client, tokens, lpa, zaak, "uitnodigen")).json()
    assert len(invited["brieven"]) == 1
    await step(client, tokens, lpa, zaak, "gesprek_voeren")
    warned = (await step(client, tokens, lpa, zaak, "waarschuwingsbrief")).json()
    (waarschuwing,) = warned["brieven"]
    letters = (
        await client.get(
            f"/api/v1/jongeren/{warned['jongere_id']}/brieven", headers=bearer(tokens, lpa)
        )
    ).json()["items"]
    assert {b["soort"] for b in letters} >= {"uitnodiging", "waarschuwingsbrief"}
    copies = (await client.get("/api/v1/brieven", headers=bearer(tokens, case["school"]))).json()[
        "items"
    ]
    assert [b["id"] for b in copies if b["id"] in (invited["brieven"][0], waarschuwing)] == [
        waarschuwing
    ]
    pdf = await client.get(
        f"/api/v1/brieven/{waarschuwing}", headers=bearer(tokens, case["school"])
    )
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    stored = next(b for b in copies if b["id"] == waarschuwing)
    assert hashlib.sha256(pdf.content).hexdigest() == stored["sha256"]
    assert stored["leerling"] == "Noa Zaak"  # the school's list says whose copy it is
    assert "zaak_id" not in stored or stored["zaak_id"] is None
    assert (
        await client.get(
            f"/api/v1/brieven/{invited['brieven'][0]}", headers=bearer(tokens, case["school"])
        )
    ).status_code == 404
    other_school = await make_user(AMSTERDAM, Role.SCHOOL, brin="51FF")
    assert (
        await client.get(f"/api/v1/brieven/{waarschuwing}", headers=bearer(tokens, other_school))
    ).status_code == 404
    medewerker = await make_user(AMSTERDAM, Role.ADMINISTRATIEF_MEDEWERKER)
    assert (
        await client.get(f"/api/v1/brieven/{waarschuwing}", headers=bearer(tokens, medewerker))
    ).status_code == 403


def test_a_tenant_template_overrides_the_default() -> None:
    from portal.brieven.render import render

    context = {
        "gemeente": "Diemen",
        "vandaag": VANDAAG,
        "kenmerk": "AB12",
        "jongere": {
            "naam": "Noa Zaak",
            "voornaam": "Noa",
            "adres": "1011AB 1",
            "woonplaats": "Diemen",
            "leeftijd": 14,
        },
        "school": "Zaak College",
        "periode_van": VANDAAG,
        "periode_tot": VANDAAG,
        "leerplichtambtenaar": "J. de Vries",
        "reageren_voor": VANDAAG,
    }
    default = render("uitnodiging", context)
    own = render(
        "uitnodiging", context, "<p>Beste {{ jongere.voornaam }} — eigen tekst van Diemen</p>"
    )
    assert "Ik nodig u en Noa uit" in default.html
    assert "eigen tekst van Diemen" in own.html
    assert own.pdf.startswith(b"%PDF")
    assert own.sha256 != default.sha256
    escaped = render("uitnodiging", {**context, "school": "<script>x</script>"})
    assert "<script>" not in escaped.html
    # A gemeente's template of before the frame, with its own head, still renders, the head once.
    oud = render(
        "uitnodiging",
        context,
        '{% include "_kop.html" %}<p>Geachte ouders, een oude tekst.</p>'
        "<p>{{ leerplichtambtenaar }}</p>",
    )
    assert "een oude tekst" in oud.tekst
    assert oud.tekst.count("Ons kenmerk") == 1


@pytest.mark.parametrize("soort", sorted(VEREIST))
def test_every_default_letter_renders_to_pdf_with_what_its_article_requires(soort: str) -> None:
    from portal.brieven.render import TITELS, render

    assert set(VEREIST) == set(TITELS)
    brief = render(soort, VOORBEELD)
    assert brief.pdf.startswith(b"%PDF")
    assert ontbreekt(soort, brief.tekst) == []
