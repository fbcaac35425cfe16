"""Information for the Arbeidsinspectie (art. 18) from the outbox."""

from integrations.arbeidsinspectie.messages import (
    ArbeidsinspectieMelding,
    ArbeidsinspectieSignaal,
    Ontvangst,
)
from integrations.http import PartnerHttp
from integrations.simple import Kind, SimpleAdapter


def arbeidsinspectie(http: PartnerHttp) -> SimpleAdapter:
    return SimpleAdapter(
        "arbeidsinspectie",
        http,
        {
            "melding": Kind(ArbeidsinspectieMelding, "/meldingen", Ontvangst, "ai_kenmerk"),
            "signaal": Kind(ArbeidsinspectieSignaal, "/signalen", Ontvangst, "ai_kenmerk"),
        },
    )
