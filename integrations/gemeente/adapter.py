"""The school history after a move out of the region (art. 3.9), to the new woongemeente."""

from integrations.gemeente.messages import Ontvangst, WoongemeenteOverdracht
from integrations.http import PartnerHttp
from integrations.simple import Kind, SimpleAdapter


def gemeente(http: PartnerHttp) -> SimpleAdapter:
    return SimpleAdapter(
        "gemeente",
        http,
        {
            "overdracht": Kind(
                WoongemeenteOverdracht,
                "/gemeenten/{naar_gemeentecode}/overdrachten",
                Ontvangst,
                "kenmerk",
            )
        },
    )
