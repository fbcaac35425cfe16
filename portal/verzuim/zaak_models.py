"""The case work API's request and response structs (`/api/v1/zaken`), and the case row the
engine's modules hand each other."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec

from portal.brieven.service import Schoolperiode
from portal.domain.stapkeuze import Stapkeuze
from portal.domain.zaak import (
    Aanpak,
    Actie,
    Inkomen,
    Oorzaak,
    Status,
    Verdachten,
    Zaaksoort,
)
from portal.verzuim.om import Afdoening as OmAfdoening
from portal.verzuim.zaak_kop import Zaakkop


class Vaststellingen(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """What the leerplichtambtenaar established in the gesprek; the rest the portal looks up."""

    verwijtbaar: bool = False
    kennelijke_opzet: bool = False
    eerste_overtreding_met_zorg: bool = False
    keer_te_laat: Annotated[int, msgspec.Meta(ge=0)] = 0
    toestemming_jongere: bool = False
    toestemming_ouders: bool = False
    weigert_mee_te_werken: bool = False
    recidive: bool = False
    ouders_meewerkend: bool = True
    hulpverlening_voorliggend: bool = False
    om_geraadpleegd: bool = False
    reden_afsluiten: Annotated[str, msgspec.Meta(max_length=500)] | None = None
    pv_nummer: Annotated[str, msgspec.Meta(max_length=50)] | None = None
    svb_oproep_gedaan: bool = False
    svb_afspraken: SvbAfspraken | None = None
    voorwaarden_vervuld: bool = False
    verzuim_gestopt: bool = False
    verslag: Annotated[str, msgspec.Meta(max_length=5000)] | None = None
    ernstig: bool | None = None
    oorzaak: Oorzaak | None = None
    zonder_achtergrond: bool = False
    plan_van_aanpak: Annotated[str, msgspec.Meta(max_length=5000)] | None = None
    advies_opgevolgd: bool = False
    deurbezoek_opdracht: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    vsv_reden: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    inkomen: Inkomen | None = None
    dagbesteding: bool | None = None
    contactvorm: Literal["telefonisch", "via_ketenpartner", "bericht"] | None = None
    verdachten: Verdachten | None = None
    """Whom the proces-verbaal names (art. 6.10); without it the ouders, and the jongere from 12."""


class SvbAfspraken(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The written agreements of art. 19.4; the melding date and the date kinderbijslag stops
    are added by the portal (the quarter after the melding, toelichting 19)."""

    geconstateerd_verzuim: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
    ondernomen_acties: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
    voorwaarden_ongedaan_maken: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
    evaluatiedatum: date


class StapVerzoek(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    actie: Actie
    uitleg: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    vaststellingen: Vaststellingen = Vaststellingen()
    brief_toelichting: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    """The leerplichtambtenaar's own words in the letter the step sends (its `toelichting` part,
    above the closing), as read in the preview."""


class OpenVerzoek(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A case starts from a melding, from a signal of the controls (absoluut verzuim), or from a
    jongere who left school without a startkwalificatie (voortijdig schoolverlaten)."""

    melding_id: UUID | None = None
    signaal_id: UUID | None = None
    jongere_id: UUID | None = None


class Termijn(msgspec.Struct, frozen=True):
    soort: str
    omschrijving: str
    artikel: str
    uiterlijk: date
    voldaan_op: date | None
    verlopen: bool
    """Open past its last day."""
    te_laat: bool = False
    """Met, but after its last day."""
    voorlopig: bool = False
    """Counted from the last day of the step before, not yet taken: it moves when it is."""


class Stap(msgspec.Struct, frozen=True):
    actie: str
    van_status: str
    naar_status: str
    afwijking: bool
    uitleg: str | None
    gezet_op: datetime


class Zaak(msgspec.Struct, frozen=True):
    id: UUID
    soort: Zaaksoort
    jongere_id: UUID
    melding_id: UUID | None
    signaal_id: UUID | None
    status: str
    behandelaar_id: UUID | None
    """The leerplichtambtenaar who handles the case (who opened it, unless reassigned)."""
    aanpak: Aanpak | None
    """The ernst/oorzaak choice (adviseur, handhaver, regisseur), once recorded."""
    volgende_stappen: list[Actie]
    """The method's next steps from this status; the facts decide whether each is allowed."""
    termijnen: list[Termijn]
    stappen: list[Stap]
    berichten: list[str] = msgspec.field(default_factory=list)
    """Partner messages queued by the step (outbox ids)."""
    brieven: list[str] = msgspec.field(default_factory=list)
    """Letters drafted by the step."""
    kop: Zaakkop | None = None
    """Whom the case is about, what came in, who handles it and where it stands."""
    kenmerk: str | None = None
    """"Ons kenmerk": the case's number in the gemeente and year (LP-2026-00123, RMC- for VSV),
    on its letters and found by the search."""
    keuzes: list[Stapkeuze] = msgspec.field(default_factory=list)
    """The steps the reader can take now: the method's next ones (the advised one marked), each
    possible or not with the rule and article that stand in its way, then the departures the law
    allows with a reason. A dry run of the step's own decision, on the facts known so far."""
    om_afdoeningen: list[OmAfdoening] = msgspec.field(default_factory=list)
    """The OM's answers on the proces-verbaal (art. 6.10); Wpg, so only a BOA reads them."""


class ZaakKort(msgspec.Struct, frozen=True):
    id: UUID
    soort: Zaaksoort
    status: str
    geopend_op: datetime
    gesloten_op: datetime | None
    kenmerk: str | None = None


class ZaakRij(msgspec.Struct, frozen=True, kw_only=True):
    """The case a step works on, read under `FOR UPDATE`, as the engine's modules (facts,
    messages, deadline chain, Halt) hand it to each other."""

    id: UUID
    soort: Zaaksoort
    status: Status
    jongere_id: UUID
    melding_id: UUID | None = None
    signaal_id: UUID | None = None
    team_id: UUID | None = None
    behandelaar_id: UUID | None = None
    vsv_reden: str | None = None
    inkomen: Inkomen | None = None
    dagbesteding: bool | None = None
    kenmerk: str | None = None
    """"Ons kenmerk" (LP-2026-00123), on the case's letters."""

    @classmethod
    def van(cls, row: Any) -> ZaakRij:
        return msgspec.convert(dict(row), cls)


class MeldingRij(msgspec.Struct, frozen=True):
    """What a step reads of the case's melding: the school, the period and the hours missed."""

    brin: str
    vestiging: str | None
    periode_van: date
    periode_tot: date
    verzuimde_uren: int | None
    soort: str
    wettelijk: bool

    @classmethod
    def van(cls, row: Any) -> MeldingRij:
        return msgspec.convert(dict(row), cls)

    @property
    def periode(self) -> Schoolperiode:
        return Schoolperiode(self.brin, self.vestiging, self.periode_van, self.periode_tot)
