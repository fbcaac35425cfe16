"""The monthly VSV list to the Inlichtingenbureau from the outbox; the enriched list comes back
on a callback (with the RMC issue)."""

from integrations.http import PartnerHttp
from integrations.inlichtingenbureau.messages import Ontvangst, VsvLijst
from integrations.simple import Kind, SimpleAdapter


def inlichtingenbureau(http: PartnerHttp) -> SimpleAdapter:
    return SimpleAdapter(
        "inlichtingenbureau",
        http,
        {"vsv_lijst": Kind(VsvLijst, "/vsv-lijsten", Ontvangst, "ib_kenmerk")},
    )
