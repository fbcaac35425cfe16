"""Builds the registry of adapters from settings: one per configured partner."""

from __future__ import annotations

from collections.abc import Callable

from integrations.arbeidsinspectie.adapter import arbeidsinspectie
from integrations.duo.adapter import duo
from integrations.gemeente.adapter import gemeente
from integrations.halt.adapter import HaltAdapter
from integrations.http import PartnerHttp
from integrations.inlichtingenbureau.adapter import inlichtingenbureau
from integrations.inspectie.adapter import inspectie
from integrations.om.adapter import om
from integrations.raad_kinderbescherming.adapter import raad_kinderbescherming
from integrations.svb.adapter import SvbAdapter
from integrations.veiligthuis.adapter import veilig_thuis
from portal.outbox.ports import PartnerAdapter, Registry
from portal.settings import Settings

FACTORIES: dict[str, Callable[[PartnerHttp], PartnerAdapter]] = {
    "halt": HaltAdapter,
    "svb": SvbAdapter,
    "duo": duo,
    "veilig_thuis": veilig_thuis,
    "inspectie": inspectie,
    "inlichtingenbureau": inlichtingenbureau,
    "arbeidsinspectie": arbeidsinspectie,
    "om": om,
    "gemeente": gemeente,
    "raad_kinderbescherming": raad_kinderbescherming,
}


def build_registry(settings: Settings) -> tuple[Registry, list[PartnerHttp]]:
    """The adapters for the configured partners, and their clients (to close on shutdown)."""
    registry = Registry()
    clients: list[PartnerHttp] = []
    for partner, config in sorted(settings.partners.items()):
        factory = FACTORIES.get(partner)
        if factory is None:
            known = ", ".join(sorted(FACTORIES))
            raise ValueError(f"RMC_PARTNERS noemt onbekende partner '{partner}'; bekend: {known}")
        http = PartnerHttp(partner, config)
        clients.append(http)
        registry.register(factory(http))
    return registry, clients
