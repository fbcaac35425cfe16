"""Status changes and closing of meldingen, and vrijstellingen, to DUO from the outbox."""

from integrations.duo.messages import MeldingStatusWijziging, Ontvangst, VrijstellingRegistratie
from integrations.http import PartnerHttp
from integrations.simple import Kind, SimpleAdapter


def duo(http: PartnerHttp) -> SimpleAdapter:
    return SimpleAdapter(
        "duo",
        http,
        {
            "melding_status": Kind(
                MeldingStatusWijziging,
                "/verzuimmeldingen/{duo_melding_id}/status",
                Ontvangst,
                "duo_kenmerk",
            ),
            "vrijstelling": Kind(
                VrijstellingRegistratie, "/vrijstellingen", Ontvangst, "duo_kenmerk"
            ),
        },
    )
