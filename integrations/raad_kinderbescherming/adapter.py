"""The consultation of art. 15 from the outbox to the Raad voor de Kinderbescherming."""

from integrations.http import PartnerHttp
from integrations.raad_kinderbescherming.messages import Ontvangst, RaadConsultatie
from integrations.simple import Kind, SimpleAdapter


def raad_kinderbescherming(http: PartnerHttp) -> SimpleAdapter:
    return SimpleAdapter(
        "raad_kinderbescherming",
        http,
        {"consultatie": Kind(RaadConsultatie, "/consultaties", Ontvangst, "raad_kenmerk")},
    )
