"""The proces-verbaal (art. 6.10) from the outbox to the OM."""

from integrations.http import PartnerHttp
from integrations.om.messages import Ontvangst, ProcesVerbaal
from integrations.simple import Kind, SimpleAdapter


def om(http: PartnerHttp) -> SimpleAdapter:
    return SimpleAdapter(
        "om",
        http,
        {"proces_verbaal": Kind(ProcesVerbaal, "/processen-verbaal", Ontvangst, "om_kenmerk")},
    )
