"""The meldcode huiselijk geweld en kindermishandeling (Ambtsinstructie art. 17; the Meldcode's
five steps and its afwegingskader), as rules over the steps taken so far.

1. Signalen in kaart: the facts, hypotheses marked as hypotheses, their sources; a diagnosis only
   with the qualified professional who made it; the kindcheck (other children in the household).
2. Collegiale consultatie: with whom, and the aandachtsfunctionaris; optionally an anonymous
   adviesvraag to Veilig Thuis (no BSN, no name).
3. Gesprek met de jongere (older than 12) and the ouders; skipped only with a recorded reason:
   the safety of the jongere, of the reporter or of others, or the risk of losing contact.
4. Weging of risk, aard and ernst, after consulting the aandachtsfunctionaris.
5. Besluit by the afwegingskader, in this order: afweging 1, is melden noodzakelijk; afweging 2,
   is hulpverlening (ook) mogelijk. Melden is discussed with jongere and ouders first, unless for
   the same safety reasons. Abuse by a professional goes to the teammanager instead.

The steps go in this order; a later signal that the violence does not stop reopens step 5.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import msgspec

ARTIKEL = "art. 17 Ambtsinstructie Leerplicht en RMC; Meldcode"


class Stap(StrEnum):
    SIGNALEN = "signalen_in_kaart"
    CONSULTATIE = "collegiale_consultatie"
    GESPREK = "gesprek"
    WEGING = "weging"
    BESLUIT = "besluit"
    HEROPENEN = "heropenen"
    """A later signal that the violence does not stop: step 5 opens again."""


ORDE = (Stap.SIGNALEN, Stap.CONSULTATIE, Stap.GESPREK, Stap.WEGING, Stap.BESLUIT)
NUMMER = {s: n for n, s in enumerate(ORDE, start=1)}


class Veiligheidsreden(StrEnum):
    """Why a gesprek or the discussion of a melding may be left out (Meldcode step 3, 5)."""

    VEILIGHEID_JONGERE = "veiligheid_jongere"
    VEILIGHEID_MELDER = "veiligheid_melder"
    VEILIGHEID_ANDEREN = "veiligheid_anderen"
    CONTACT_VERLIEZEN = "contact_verliezen"


class Uitkomst(StrEnum):
    MELDEN = "melden"
    MELDEN_EN_HULP = "melden_en_hulpverlening"
    HULPVERLENING = "hulpverlening"
    TEAMMANAGER = "teammanager"
    """Abuse by a professional: not to Veilig Thuis, to the teammanager (recorded)."""


class Signalen(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    feiten: str
    bronnen: list[str]
    """Where each fact comes from (what others told, what was seen)."""
    hypothesen: list[str] = msgspec.field(default_factory=list)
    """Kept apart from the facts: what is supposed, not seen."""
    diagnose: str | None = None
    diagnose_door: str | None = None
    """The qualified professional who made the diagnosis; a diagnosis without one is refused."""
    andere_kinderen: bool
    """The kindcheck: other children in the household."""


class Consultatie(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    met_wie: str
    aandachtsfunctionaris: str
    adviesvraag_veilig_thuis: bool = False
    vraag: str | None = None
    """The anonymous adviesvraag: no BSN, no name."""


class Gesprek(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    gevoerd: bool
    verslag: str | None = None
    jongere_gesproken: bool = False
    ouders_gesproken: bool = False
    reden_overgeslagen: Veiligheidsreden | None = None


class Weging(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    risico: str
    aard: str
    ernst: str
    aandachtsfunctionaris_geraadpleegd: bool


class Besluit(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    melden_noodzakelijk: bool
    """Afweging 1."""
    hulpverlening_mogelijk: bool | None = None
    """Afweging 2: asked whatever afweging 1 said ((ook) mogelijk)."""
    dader_professional: bool = False
    besproken_met_jongere_en_ouders: bool = False
    reden_niet_besproken: Veiligheidsreden | None = None
    toelichting: str | None = None


Gegevens = Signalen | Consultatie | Gesprek | Weging | Besluit | None
SOORTEN: dict[Stap, type[msgspec.Struct] | None] = {
    Stap.SIGNALEN: Signalen,
    Stap.CONSULTATIE: Consultatie,
    Stap.GESPREK: Gesprek,
    Stap.WEGING: Weging,
    Stap.BESLUIT: Besluit,
    Stap.HEROPENEN: None,
}


class Oordeel(msgspec.Struct, frozen=True):
    toegestaan: bool
    regel: str | None = None
    """Why not, with the article (a 409 when the order is wrong, a 422 when a fact is missing)."""
    volgorde: bool = False
    """True when the refusal is one of order."""
    uitkomst: Uitkomst | None = None


def volgende(gedaan: Sequence[Stap]) -> Stap | None:
    """The step that comes next after those taken (a reopening opens step 5 again)."""
    stand = _stand(gedaan)
    return None if stand >= len(ORDE) else ORDE[stand]


def _stand(gedaan: Sequence[Stap]) -> int:
    """How many of the five steps stand done, a reopening taking step 5 back."""
    stand = 0
    for s in gedaan:
        stand = min(stand, NUMMER[Stap.WEGING]) if s is Stap.HEROPENEN else NUMMER[s]
    return stand


def uitkomst(b: Besluit) -> Uitkomst:
    """The afwegingskader, afweging 1 before afweging 2."""
    if b.dader_professional:
        return Uitkomst.TEAMMANAGER
    if b.melden_noodzakelijk:
        return Uitkomst.MELDEN_EN_HULP if b.hulpverlening_mogelijk else Uitkomst.MELDEN
    return Uitkomst.HULPVERLENING if b.hulpverlening_mogelijk else Uitkomst.MELDEN


def _weigering(regel: str, *, volgorde: bool = False) -> Oordeel:
    return Oordeel(False, f"{regel} ({ARTIKEL})", volgorde)


def beoordeel(stap: Stap, gedaan: Sequence[Stap], gegevens: Gegevens, leeftijd: int) -> Oordeel:
    """May this step be taken now with these facts? `leeftijd` is the jongere's today."""
    stand = _stand(gedaan)
    if stap is Stap.HEROPENEN:
        if stand < len(ORDE):
            return _weigering("Heropenen kan pas na het besluit van stap 5", volgorde=True)
        return Oordeel(True)
    verwacht = volgende(gedaan)
    if verwacht is None:
        return _weigering(
            "De meldcode is doorlopen; een nieuw signaal heropent stap 5", volgorde=True
        )
    if stap is not verwacht:
        return _weigering(
            f"Stap {NUMMER[stap]} ({stap.value.replace('_', ' ')}) kan nu niet: eerst stap "
            f"{NUMMER[verwacht]} ({verwacht.value.replace('_', ' ')})",
            volgorde=True,
        )
    if isinstance(gegevens, Signalen):
        if not gegevens.feiten.strip() or not [b for b in gegevens.bronnen if b.strip()]:
            return _weigering("Stap 1 legt de feiten vast, met hun bronnen")
        if gegevens.diagnose and not (gegevens.diagnose_door or "").strip():
            return _weigering("Een diagnose alleen met de deskundige die haar stelde")
    elif isinstance(gegevens, Consultatie):
        if not gegevens.met_wie.strip() or not gegevens.aandachtsfunctionaris.strip():
            return _weigering("Stap 2 noemt met wie is overlegd en de aandachtsfunctionaris")
        if gegevens.adviesvraag_veilig_thuis and not (gegevens.vraag or "").strip():
            return _weigering("Een adviesvraag aan Veilig Thuis heeft een vraag")
    elif isinstance(gegevens, Gesprek):
        if not gegevens.gevoerd and gegevens.reden_overgeslagen is None:
            return _weigering(
                "Het gesprek wordt alleen overgeslagen om de veiligheid van de jongere, de melder "
                "of anderen, of omdat het contact anders verloren gaat"
            )
        if gegevens.gevoerd and not (gegevens.verslag or "").strip():
            return _weigering("Leg vast wat er in het gesprek is gezegd")
        if gegevens.gevoerd and leeftijd > 12 and not gegevens.jongere_gesproken:
            return _weigering("Met een jongere ouder dan 12 wordt ook zelf gesproken")
    elif isinstance(gegevens, Weging):
        if not gegevens.aandachtsfunctionaris_geraadpleegd:
            return _weigering("Stap 4 weegt pas na overleg met de aandachtsfunctionaris")
        if not (gegevens.risico.strip() and gegevens.aard.strip() and gegevens.ernst.strip()):
            return _weigering("Stap 4 weegt het risico, de aard en de ernst")
    elif isinstance(gegevens, Besluit):
        if not gegevens.dader_professional and gegevens.hulpverlening_mogelijk is None:
            return _weigering("Afweging 2: is hulpverlening (ook) mogelijk?")
        gekozen = uitkomst(gegevens)
        melden = gekozen in (Uitkomst.MELDEN, Uitkomst.MELDEN_EN_HULP)
        if (
            melden
            and not gegevens.besproken_met_jongere_en_ouders
            and gegevens.reden_niet_besproken is None
        ):
            return _weigering(
                "Een melding wordt eerst met jongere en ouders besproken, tenzij hun of andermans "
                "veiligheid of het contact dat verbiedt"
            )
        return Oordeel(True, uitkomst=gekozen)
    else:
        return _weigering("Deze stap vraagt gegevens")
    return Oordeel(True)
