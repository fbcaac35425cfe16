"""The teammanager's answer to a voorgenomen SVB-melding has two outcomes (art. 19.2): akkoord, or
afgewezen with a reason. The leerplichtambtenaar reads the reason in the werkvoorraad and on the
case, and may put the melding forward again; the request carries the motivation."""

from __future__ import annotations

from pathlib import Path

import httpx

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import leerling_met_melding, step, tot_gesprek


async def test_the_teammanager_declines_with_a_reason_the_leerplichtambtenaar_then_reads(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> None:
    gemeld = await leerling_met_melding(
        db, client, tokens, make_user, tmp_path, brin="73AF", school="Afwijs College",
        onderwijssoort="vmbo", voornaam="Sil", achternaam="Afgewezen", leeftijd=16, uren=22,
    )  # fmt: skip
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    z = await tot_gesprek(client, tokens, lpa, gemeld.melding)
    motivering = "Ouders komen afspraken niet na; kinderbijslag als stok achter de deur."
    voorgelegd = await step(
        client, tokens, lpa, z, "svb_voorleggen", vaststellingen={"verslag": motivering}
    )
    assert voorgelegd.status_code == 200, voorgelegd.text
    werk = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, manager))).json()
    (verzoek,) = [a for a in werk["ter_goedkeuring"] if a["zaak_id"] == z]
    assert verzoek["motivering"] == motivering

    assert (await step(client, tokens, lpa, z, "svb_afwijzen")).status_code == 409  # not theirs
    zonder = await step(client, tokens, manager, z, "svb_afwijzen")
    assert zonder.status_code == 422
    assert zonder.json()["errors"][0]["field"] == "vaststellingen.verslag"
    reden = "Eerst het zorgtraject van de wijkteams afwachten."
    afgewezen = await step(
        client, tokens, manager, z, "svb_afwijzen", vaststellingen={"verslag": reden}
    )
    assert afgewezen.status_code == 200, afgewezen.text
    assert afgewezen.json()["status"] == "gesprek_gevoerd"  # the case goes on, without the SVB
    assert (
        afgewezen.json()["kop"]["stand"] == f"De teammanager wees de melding aan de SVB af: {reden}"
    )

    werk = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, manager))).json()
    assert [a for a in werk["ter_goedkeuring"] if a["zaak_id"] == z] == []
    eigen = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, lpa))).json()
    (melding,) = [a for a in eigen["svb_afgewezen"] if a["zaak_id"] == z]
    assert melding["reden"] == reden
    assert melding["afgewezen_door"] == manager.naam
    collega = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    ander = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, collega))).json()
    assert [a for a in ander["svb_afgewezen"] if a["zaak_id"] == z] == []  # not their case

    melden = await step(client, tokens, lpa, z, "svb_melden", vaststellingen={"verwijtbaar": True})
    assert melden.status_code == 409
    assert "akkoord van de teammanager" in melden.json()["detail"]
    opnieuw = await step(client, tokens, lpa, z, "svb_voorleggen")
    assert opnieuw.status_code == 200, opnieuw.text
    eigen = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, lpa))).json()
    assert [a for a in eigen["svb_afgewezen"] if a["zaak_id"] == z] == []  # a new request is open
    assert (await step(client, tokens, manager, z, "svb_akkoord")).status_code == 200
