"""Veilig Thuis adviesvragen and meldingen from the outbox."""

from integrations.http import PartnerHttp
from integrations.simple import Kind, SimpleAdapter
from integrations.veiligthuis.messages import Adviesvraag, Melding, Ontvangst


def veilig_thuis(http: PartnerHttp) -> SimpleAdapter:
    return SimpleAdapter(
        "veilig_thuis",
        http,
        {
            "adviesvraag": Kind(Adviesvraag, "/adviesvragen", Ontvangst, "vt_referentie"),
            "melding": Kind(Melding, "/meldingen", Ontvangst, "vt_referentie"),
        },
    )
