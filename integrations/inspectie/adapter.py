"""Signalen and meldingen about schools, and requests for advice whether an onderwijsvoorziening is
a school (art. 13), to the Inspectie from the outbox."""

from integrations.http import PartnerHttp
from integrations.inspectie.messages import AdviesVerzoek, Ontvangst, SchoolSignaal
from integrations.simple import Kind, SimpleAdapter


def inspectie(http: PartnerHttp) -> SimpleAdapter:
    return SimpleAdapter(
        "inspectie",
        http,
        {
            "signaal": Kind(SchoolSignaal, "/contactformulier", Ontvangst, "inspectie_kenmerk"),
            "adviesverzoek": Kind(
                AdviesVerzoek, "/adviesverzoeken", Ontvangst, "inspectie_kenmerk"
            ),
        },
    )
