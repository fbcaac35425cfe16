"""Every partner adapter against respx: success (asserting the request sent), a 4xx, a 5xx, a
timeout and a malformed answer; plus OAuth2 client credentials and unknown message kinds."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
import respx

from integrations.arbeidsinspectie.adapter import arbeidsinspectie
from integrations.duo.adapter import duo
from integrations.gemeente.adapter import gemeente
from integrations.halt.adapter import HaltAdapter
from integrations.http import PartnerHttp
from integrations.inlichtingenbureau.adapter import inlichtingenbureau
from integrations.inspectie.adapter import inspectie
from integrations.om.adapter import om
from integrations.raad_kinderbescherming.adapter import raad_kinderbescherming
from integrations.registry import build_registry
from integrations.svb.adapter import SvbAdapter
from integrations.veiligthuis.adapter import veilig_thuis
from portal.outbox.ports import DeliveryFailed, PartnerNotConfigured
from portal.outbox.store import OutboxMessage
from portal.settings import PartnerConfig, Settings

BASE = "https://partner.example"
PERSOON = {
    "bsn": "123456782",
    "voornamen": "Sem",
    "geslachtsnaam": "Vries",
    "voorvoegsel": "de",
    "geboortedatum": "2011-05-01",
}


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[PartnerHttp], Any]
    soort: str
    payload: dict[str, Any]
    path: str
    answer: dict[str, Any]
    ref: str
    sent: dict[str, Any] | None = None
    """What goes on the wire, where the partner's wire differs from the portal's message."""


CASES = [
    Case(
        "halt",
        HaltAdapter,
        "verwijzing",
        {
            "verwijzing_id": str(uuid.uuid4()),
            "gemeentecode": "0363",
            "jongere": PERSOON,
            "periode_van": "2026-09-01",
            "periode_tot": "2026-10-15",
            "verzuimde_uren": 24,
            "pv_nummer": "PV-2026-0042",
            "toestemming_jongere": True,
            "toestemming_ouders": True,
        },
        "/verwijzingen",
        {"halt_zaaknummer": "H-778", "status": "ontvangen"},
        "H-778",
    ),
    Case(
        "svb",
        SvbAdapter,
        "melding",
        {
            "melding_id": str(uuid.uuid4()),
            "gemeentecode": "0363",
            "jongere": PERSOON,
            "ouders": [{"bsn": "111222333", "naam": "A. de Vries"}],
            "reden": "ongeoorloofd_verzuim",
            "datum_melding": "2026-11-24",
            "kinderbijslag_stopt_per": "2027-01-01",
        },
        "/leerplicht/meldingen",
        {"svb_referentie": "SVB-1"},
        "SVB-1",
    ),
    Case(
        "duo",
        duo,
        "melding_status",
        {
            "duo_melding_id": "VM-88",
            "status": "afgesloten",
            "reden_afgesloten": "verzuim gestopt",
            "datum": "2026-11-24",
        },
        "/verzuimmeldingen/VM-88/status",
        {"duo_kenmerk": "DUO-1"},
        "DUO-1",
    ),
    Case(
        "duo-vrijstelling",
        duo,
        "vrijstelling",
        {
            "vrijstelling_id": str(uuid.uuid4()),
            "bsn": "123456782",
            "grond": "5a",
            "van": "2026-08-01",
            "tot": "2027-07-31",
        },
        "/vrijstellingen",
        {"duo_kenmerk": "DUO-V1"},
        "DUO-V1",
    ),
    Case(
        "veilig_thuis",
        veilig_thuis,
        "adviesvraag",
        {
            "vraag_id": str(uuid.uuid4()),
            "gemeentecode": "0363",
            "leeftijd": 13,
            "signalen": ["blauwe plekken"],
            "vraag": "Is melden nodig?",
        },
        "/adviesvragen",
        {"vt_referentie": "VT-1", "status": "ontvangen"},
        "VT-1",
    ),
    Case(
        "inspectie",
        inspectie,
        "signaal",
        {
            "signaal_id": str(uuid.uuid4()),
            "soort": "signaal",
            "gemeentecode": "0363",
            "brin": "20AA",
            "vestiging": "00",
            "feiten": "Verzuim niet gemeld",
            "ondernomen_door_leerplichtambtenaar": "Advies gegeven",
            "school_geinformeerd_op": "2026-11-20",
        },
        "/contactformulier",
        {"inspectie_kenmerk": "I-1"},
        "I-1",
    ),
    Case(
        "inspectie",
        inspectie,
        "adviesverzoek",
        {
            "verzoek_id": str(uuid.uuid4()),
            "gemeentecode": "0363",
            "voorziening": "Vrije Leerplaats De Tuin",
            "adres": "Tuinstraat 1, Amsterdam",
            "aantal_jongeren": 4,
            "advies_uiterlijk": "2027-01-15",
        },
        "/adviesverzoeken",
        {"inspectie_kenmerk": "I-A2"},
        "I-A2",
    ),
    Case(
        "inlichtingenbureau",
        inlichtingenbureau,
        "vsv_lijst",
        {
            "lijst_id": "2026-10-regio",
            "maand": "2026-10",
            "regio": "Agglomeratie Amsterdam",
            "regels": [{"bsn": "123456782", "geboortedatum": "2006-01-01", "woongemeente": "0479"}],
        },
        "/vsv-lijsten",
        {"ib_kenmerk": "IB-1", "aantal": 1},
        "IB-1",
    ),
    Case(
        "arbeidsinspectie",
        arbeidsinspectie,
        "melding",
        {
            "melding_id": str(uuid.uuid4()),
            "gemeentecode": "0363",
            "jongere": {
                "bsn": "123456782",
                "voornamen": "Sem",
                "voorvoegsel": None,
                "geslachtsnaam": "Vries",
                "geboortedatum": "2010-05-01",
            },
            "reden": "vervangende_leerplicht",
            "grond": "3b",
            "van": "2026-12-01",
            "tot": None,
        },
        "/meldingen",
        {"ai_kenmerk": "AI-1"},
        "AI-1",
    ),
    Case(
        "om",
        om,
        "proces_verbaal",
        {
            "proces_verbaal_id": str(uuid.uuid4()),
            "pv_nummer": "PV-LP-2026-00012",
            "gemeentecode": "0363",
            "verbalisant": "F. El Amrani",
            "opgemaakt_op": "2026-12-01",
            "jongere": PERSOON,
            "verdachten": [{"rol": "ouder", "naam": "R. de Vries", "bsn": None}],
            "school_brin": "50EE",
            "periode_van": "2026-10-01",
            "periode_tot": "2026-10-28",
            "verzuimde_uren": 40,
            "stappen": [{"datum": "2026-11-20", "stap": "Verhoor aankondigen"}],
            "bevindingen": "Het verzuim ging door.",
            "document_sha256": "0" * 64,
            "document": "JVBERi0xLjc=",
        },
        "/processen-verbaal",
        {"om_kenmerk": "OM-1"},
        "OM-1",
    ),
    Case(
        "raad_kinderbescherming",
        raad_kinderbescherming,
        "consultatie",
        {
            "consultatie_id": str(uuid.uuid4()),
            "gemeentecode": "0363",
            "jongere": PERSOON,
            "ouders": [{"bsn": None, "naam": "R. de Vries"}],
            "school_brin": "50EE",
            "periode_van": "2026-10-01",
            "periode_tot": "2026-10-28",
            "verzuimde_uren": 40,
            "stappen": [],
            "vraag": "Welke route raadt u aan?",
        },
        "/consultaties",
        {"raad_kenmerk": "RvdK-1"},
        "RvdK-1",
    ),
    Case(
        "gemeente",
        gemeente,
        "overdracht",
        {
            "overdracht_id": str(uuid.uuid4()),
            "van_gemeentecode": "0363",
            "naar_gemeentecode": "0599",
            "jongere": PERSOON,
            "inschrijvingen": [
                {
                    "brin": "50EE",
                    "vestiging": "00",
                    "school": "Zaak College",
                    "onderwijssoort": "vmbo",
                    "van": "2024-08-20",
                    "tot": None,
                }
            ],
            "meldingen": [],
            "vrijstellingen": [],
            "contactpersoon": "F. El Amrani",
            "telefoon": "020-552 3456",
            "email": None,
            "document_sha256": "0" * 64,
            "document": "JVBERi0xLjc=",
        },
        "/gemeenten/0599/overdrachten",
        {"kenmerk": "0599-1"},
        "0599-1",
    ),
    Case(
        "arbeidsinspectie-signaal",
        arbeidsinspectie,
        "signaal",
        {
            "signaal_id": str(uuid.uuid4()),
            "gemeentecode": "0363",
            "jongere": PERSOON,
            "leeftijd": 15,
            "waargenomen_op": "2026-11-30",
            "bevinding": "Onder schooltijd aan het werk in een bakkerij.",
            "werkgever": None,
        },
        "/signalen",
        {"ai_kenmerk": "AI-S1"},
        "AI-S1",
    ),
    Case(
        "duo-melding",
        duo,
        "melding",
        {
            "melding_id": "6f1c2b52-3b57-4d3c-9a34-3ad3a1f0c111",
            "gemeentecode": "0363",
            "bsn": "123456782",
            "brin": "50EE",
            "vestiging": "00",
            "soort": "luxe",
            "periode_van": "2026-11-02",
            "periode_tot": "2026-11-06",
            "verzuimde_uren": None,
            "verzuimde_dagen": 5,
            "ondernomen_actie": "Ouders gebeld.",
            "melder_naam": "J. Jansen",
            "melder_telefoon": "020-1234567",
            "melder_email": "verzuim@school.example",
        },
        "/verzuimmeldingen",
        {"duo_melding_id": "DUO-M1"},
        "DUO-M1",
        sent={
            "kenmerk_melder": "6f1c2b52-3b57-4d3c-9a34-3ad3a1f0c111",
            "verzuimsoort": "L",
            "begindatum_verzuim": "2026-11-02",
            "einddatum_verzuim": "2026-11-06",
            "aantal_dagen": 5,
            "contactpersoon": "J. Jansen",
        },
    ),
    Case(
        "svb-intrekking",
        SvbAdapter,
        "intrekking",
        {
            "melding_id": str(uuid.uuid4()),
            "svb_referentie": "SVB-1",
            "datum_bevestiging": "2027-02-10",
            "kinderbijslag_herstart_per": "2027-01-01",
        },
        "/leerplicht/meldingen/SVB-1/intrekking",
        {"svb_referentie": "SVB-1"},
        "SVB-1",
    ),
]


def message(case: Case, **overrides: Any) -> OutboxMessage:
    return OutboxMessage(
        id=uuid.uuid4(),
        tenant_id="0363",
        partner=case.name.split("-")[0],
        soort=case.soort,
        payload=overrides.get("payload", case.payload),
        attempts=1,
    )


def adapter(case: Case, **config: Any) -> Any:
    return case.make(
        PartnerHttp(case.name, PartnerConfig(base_url=BASE, timeout_seconds=0.5, **config))
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
async def test_success_sends_the_message_with_its_idempotency_key(case: Case) -> None:
    msg = message(case)
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(f"{BASE}{case.path}").respond(201, json=case.answer)
        delivered = await adapter(case).deliver(msg)
    assert delivered.partner_ref == case.ref
    request = route.calls.last.request
    assert request.headers["Idempotency-Key"] == str(msg.id)
    assert request.headers["Content-Type"] == "application/json"
    sent = json.loads(request.content)
    # Every field we queued, as we queued it, or as the partner's wire has it.
    assert sent.items() >= (case.sent or case.payload).items()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize(
    ("respond", "retryable", "text"),
    [
        (lambda r: r.respond(422, json={"fout": "ongeldig"}), False, "geweigerd met HTTP 422"),
        (lambda r: r.respond(400), False, "HTTP 400"),
        (lambda r: r.respond(503), True, "HTTP 503"),
        (lambda r: r.respond(500, text="kapot"), True, "HTTP 500"),
        (lambda r: r.respond(429), True, "HTTP 429"),
        (lambda r: r.mock(side_effect=httpx.ReadTimeout("te laat")), True, "geen antwoord"),
        (lambda r: r.mock(side_effect=httpx.ConnectError("weg")), True, "verbinding mislukt"),
        (lambda r: r.respond(200, text="<html>geen json</html>"), True, "onleesbaar"),
        (lambda r: r.respond(200, json={"iets": "anders"}), True, "onleesbaar"),
    ],
    ids=[
        "4xx-422",
        "4xx-400",
        "5xx-503",
        "5xx-500",
        "429",
        "timeout",
        "connect",
        "malformed-html",
        "malformed-shape",
    ],
)
async def test_failures_say_whether_a_retry_can_help(
    case: Case, respond: Callable[[respx.Route], Any], retryable: bool, text: str
) -> None:
    with respx.mock() as mock:
        respond(mock.post(f"{BASE}{case.path}"))
        with pytest.raises(DeliveryFailed) as failed:
            await adapter(case).deliver(message(case))
    assert failed.value.retryable is retryable
    assert text in failed.value.reason
    assert "123456782" not in failed.value.reason  # no BSN in what gets logged or stored


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
async def test_incomplete_payload_or_unknown_kind_is_permanent_and_sends_nothing(
    case: Case,
) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(url__startswith=BASE).respond(201, json=case.answer)
        with pytest.raises(DeliveryFailed) as incomplete:
            await adapter(case).deliver(message(case, payload={"jongere": PERSOON}))
        assert incomplete.value.retryable is False
        odd = OutboxMessage(uuid.uuid4(), "0363", case.name, "iets_anders", case.payload, 1)
        with pytest.raises(DeliveryFailed) as unknown:
            await adapter(case).deliver(odd)
        assert unknown.value.retryable is False
        assert not route.called


async def test_client_credentials_token_is_fetched_once_and_sent() -> None:
    case = CASES[0]
    config = {
        "token_url": f"{BASE}/oauth/token",
        "client_id": "rmc",
        "client_secret": "geheim",
        "scope": "verwijzen",
    }
    with respx.mock(assert_all_called=True) as mock:
        token = mock.post(f"{BASE}/oauth/token").respond(
            json={"access_token": "tok-1", "expires_in": 600}
        )
        route = mock.post(f"{BASE}{case.path}").respond(201, json=case.answer)
        halt = adapter(case, **config)
        await halt.deliver(message(case))
        await halt.deliver(message(case))
    assert token.call_count == 1
    assert token.calls.last.request.headers["Authorization"].startswith("Basic ")
    assert b"grant_type=client_credentials" in token.calls.last.request.content
    assert all(c.request.headers["Authorization"] == "Bearer tok-1" for c in route.calls)


async def test_token_endpoint_failure_is_retryable_and_names_no_secret() -> None:
    case = CASES[0]
    with respx.mock() as mock:
        mock.post(f"{BASE}/oauth/token").respond(401)
        with pytest.raises(DeliveryFailed) as failed:
            await adapter(
                case, token_url=f"{BASE}/oauth/token", client_id="rmc", client_secret="geheim"
            ).deliver(message(case))
    assert failed.value.retryable
    assert "geheim" not in failed.value.reason


def test_registry_builds_configured_partners_refuses_unknown_and_names_missing() -> None:
    settings = Settings(
        partners={"halt": PartnerConfig(base_url=BASE), "svb": PartnerConfig(base_url=BASE)}
    )
    registry, clients = build_registry(settings)
    assert "halt" in registry
    assert len(clients) == 2
    with pytest.raises(PartnerNotConfigured, match="partner 'duo' is niet ingesteld"):
        registry.get("duo")
    with pytest.raises(ValueError, match="onbekende partner 'postnl'"):
        build_registry(Settings(partners={"postnl": PartnerConfig(base_url=BASE)}))
    with pytest.raises(ValueError, match="already registered"):
        registry.register(HaltAdapter(clients[0]))


def test_partner_settings_from_the_environment() -> None:
    from portal.settings import load_settings

    settings = load_settings(
        {
            "RMC_PARTNERS": json.dumps(
                {"svb": {"base_url": BASE, "client_cert": "/etc/c.pem", "client_key": "/etc/k.pem"}}
            )
        }
    )
    assert settings.partners["svb"].client_cert == "/etc/c.pem"
    assert date.today()  # settings load without touching the network


FAILURES = [
    (lambda r: r.respond(404), False, "HTTP 404"),
    (lambda r: r.respond(502), True, "HTTP 502"),
    (lambda r: r.mock(side_effect=httpx.ReadTimeout("te laat")), True, "geen antwoord"),
    (lambda r: r.respond(200, json={"onverwacht": True}), True, "onleesbaar"),
]


async def test_brp_lookup_sends_type_and_fields_and_maps_the_person() -> None:
    from integrations.brp.client import BrpClient

    brp = BrpClient(PartnerHttp("brp", PartnerConfig(base_url=BASE, timeout_seconds=0.5)))
    person = {
        "burgerservicenummer": "123456782",
        "naam": {"voornamen": "Sem", "voorvoegsel": "de", "geslachtsnaam": "Vries"},
        "geboorte": {"datum": {"datum": "2011-05-01", "type": "Datum"}},
        "verblijfplaats": {
            "straat": "Kalverstraat",
            "huisnummer": 12,
            "huisletter": "a",
            "huisnummertoevoeging": "2",
            "postcode": "1011AB",
            "woonplaats": "Amsterdam",
        },
        "adressering": {"adresregel1": "Kalverstraat 12 a-2", "adresregel2": "1011 AB  AMSTERDAM"},
        "gemeenteVanInschrijving": {"code": "0363", "omschrijving": "Amsterdam"},
    }
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(f"{BASE}/personen").respond(
            200, json={"type": "RaadpleegMetBurgerservicenummer", "personen": [person]}
        )
        found = await brp.raadpleeg("123456782", request_id="req-1")
        mock.post(f"{BASE}/personen").respond(
            200, json={"type": "RaadpleegMetBurgerservicenummer", "personen": []}
        )
    sent = json.loads(route.calls[0].request.content)
    assert sent["type"] == "RaadpleegMetBurgerservicenummer"
    assert sent["burgerservicenummer"] == ["123456782"]
    assert "naam.geslachtsnaam" in sent["fields"]
    assert {"verblijfplaats.straat", "adressering.adresregel1"} <= set(sent["fields"])
    assert found is not None
    assert found.naam.geslachtsnaam == "Vries"
    assert (found.verblijfplaats.straat, found.verblijfplaats.huisletter) == ("Kalverstraat", "a")
    assert found.adressering is not None
    assert found.adressering.adresregel2 == "1011 AB  AMSTERDAM"
    assert found.gemeenteVanInschrijving is not None
    assert found.gemeenteVanInschrijving.code == "0363"


@pytest.mark.parametrize(
    ("respond", "retryable", "text"), FAILURES, ids=["4xx", "5xx", "timeout", "malformed"]
)
async def test_brp_lookup_failures(
    respond: Callable[[respx.Route], Any], retryable: bool, text: str
) -> None:
    from integrations.brp.client import BrpClient

    brp = BrpClient(PartnerHttp("brp", PartnerConfig(base_url=BASE, timeout_seconds=0.5)))
    with respx.mock() as mock:
        respond(mock.post(f"{BASE}/personen"))
        with pytest.raises(DeliveryFailed) as failed:
            await brp.raadpleeg("123456782", request_id="r")
    assert (failed.value.retryable, text in failed.value.reason) == (retryable, True)


async def test_duo_feed_pages_with_its_cursor() -> None:
    from integrations.duo.feed import DuoFeed

    feed = DuoFeed(PartnerHttp("duo", PartnerConfig(base_url=BASE, timeout_seconds=0.5)))
    page = {
        "verzuimmeldingen": [
            {
                "duo_melding_id": "VM-1",
                "bsn": "123456782",
                "brin": "20AA",
                "soort": "16_uur_in_4_weken",
                "periode_van": "2026-10-01",
                "periode_tot": "2026-10-28",
                "verzuimde_uren": 18,
            }
        ],
        "mutaties": [
            {
                "duo_mutatie_id": "M-1",
                "bsn": "123456782",
                "brin": "20AA",
                "soort": "uitschrijving",
                "datum": "2026-11-01",
            }
        ],
        "volgende": "c-2",
    }
    with respx.mock(assert_all_called=True) as mock:
        # The more specific route first: respx matches params by "contains".
        second = mock.get(f"{BASE}/feed", params={"gemeentecode": "0363", "vanaf": "c-2"}).respond(
            json={"verzuimmeldingen": [], "mutaties": [], "volgende": None}
        )
        first = mock.get(f"{BASE}/feed", params={"gemeentecode": "0363"}).respond(json=page)
        one = await feed.pagina("0363", None)
        two = await feed.pagina("0363", one.volgende)
    assert one.verzuimmeldingen[0].soort == "16_uur_in_4_weken"
    assert one.mutaties[0].soort == "uitschrijving"
    assert two.volgende is None
    assert first.called
    assert second.called


@pytest.mark.parametrize(
    ("respond", "retryable", "text"), FAILURES, ids=["4xx", "5xx", "timeout", "malformed"]
)
async def test_duo_feed_failures(
    respond: Callable[[respx.Route], Any], retryable: bool, text: str
) -> None:
    from integrations.duo.feed import DuoFeed

    feed = DuoFeed(PartnerHttp("duo", PartnerConfig(base_url=BASE, timeout_seconds=0.5)))
    with respx.mock() as mock:
        respond(mock.get(f"{BASE}/feed"))
        with pytest.raises(DeliveryFailed) as failed:
            await feed.pagina("0363", "c-9")
    assert (failed.value.retryable, text in failed.value.reason) == (retryable, True)


async def test_the_inlichtingenbureau_answer_is_fetched_by_its_kenmerk() -> None:
    from integrations.inlichtingenbureau.client import IbClient

    ib = IbClient(
        PartnerHttp("inlichtingenbureau", PartnerConfig(base_url=BASE, timeout_seconds=0.5))
    )
    answer = {
        "lijst_id": "L-1",
        "status": "gereed",
        "regels": [{"bsn": "123456782", "inkomen": "uitkering"}],
    }
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(f"{BASE}/vsv-lijsten/IB-000001").respond(200, json=answer)
        verrijkt = await ib.verrijking("IB-000001")
    assert route.calls[0].request.method == "GET"
    assert (verrijkt.status, verrijkt.regels[0].inkomen) == ("gereed", "uitkering")


@pytest.mark.parametrize(
    ("respond", "retryable", "text"),
    [
        *FAILURES,
        (
            lambda r: r.respond(
                200,
                json={
                    "lijst_id": "L",
                    "status": "gereed",
                    "regels": [{"bsn": "1", "inkomen": "rijk"}],
                },
            ),
            True,
            "onleesbaar",
        ),
    ],
    ids=["4xx", "5xx", "timeout", "malformed", "unknown-income-class"],
)
async def test_inlichtingenbureau_answer_failures(
    respond: Callable[[respx.Route], Any], retryable: bool, text: str
) -> None:
    from integrations.inlichtingenbureau.client import IbClient

    ib = IbClient(
        PartnerHttp("inlichtingenbureau", PartnerConfig(base_url=BASE, timeout_seconds=0.5))
    )
    with respx.mock() as mock:
        respond(mock.get(f"{BASE}/vsv-lijsten/IB-1"))
        with pytest.raises(DeliveryFailed) as failed:
            await ib.verrijking("IB-1")
    assert (failed.value.retryable, text in failed.value.reason) == (retryable, True)
