"""Signalen and meldingen about schools to the Inspectie from the outbox."""

from integrations.http import PartnerHttp
from integrations.inspectie.messages import Ontvangst, SchoolSignaal
from integrations.simple import Kind, SimpleAdapter


def inspectie(http: PartnerHttp) -> SimpleAdapter:
    return SimpleAdapter(
        "inspectie",
        http,
        {"signaal": Kind(SchoolSignaal, "/contactformulier", Ontvangst, "inspectie_kenmerk")},
    )
