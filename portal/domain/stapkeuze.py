"""Which steps a case offers now, by a dry run of `beslis` itself: the page shows a step whose legal
condition already fails as disabled with the rule and article that would refuse it, never with a
second copy of the rule.

A dry run knows the facts the portal looks up (age, BOA, an earlier Halt referral, the
teammanager's akkoord, the hours of the melding) but not yet what the leerplichtambtenaar will
establish in the step's form. Those are assumed to be established in the way that lets a step
through (`VAST_TE_STELLEN`): the dry run only rules out what the known facts already rule out, and
the step itself is decided on the real answers when it is taken.
"""

from __future__ import annotations

from typing import Any

import msgspec

from portal.domain.zaak import METHODE as _METHODE
from portal.domain.zaak import Actie, Feiten, Inkomen, Status, Zaaksoort, beslis, volgende

# What a step's form establishes, at the answer that does not stand in a step's way.
VAST_TE_STELLEN: dict[str, Any] = {
    "verwijtbaar": True,
    "kennelijke_opzet": False,
    "eerste_overtreding_met_zorg": True,
    "keer_te_laat": 12,
    "toestemming_jongere": True,
    "toestemming_ouders": True,
    "weigert_mee_te_werken": True,
    "recidive": True,
    "hulpverlening_voorliggend": False,
    "om_geraadpleegd": True,
    "reden_afsluiten": "(in het formulier)",
    "svb_oproep_gedaan": True,
    "svb_afspraken_volledig": True,
    "voorwaarden_vervuld": True,
    "verzuim_gestopt": True,
    "zonder_achtergrond": True,
    "plan_van_aanpak": True,
    "ernstig": False,
    "advies_opgevolgd": False,
}
# Steps whose advice hangs on facts a list does not look up (a BOA, an announced verhoor, the SVB
# criteria): without the facts they are never the advised step.
OP_DE_FEITEN = frozenset(
    {
        Actie.HALT_VERWIJZEN,
        Actie.VERHOOR_AANKONDIGEN,
        Actie.PROCES_VERBAAL,
        Actie.SVB_VOORLEGGEN,
        Actie.SVB_AKKOORD,
        Actie.SVB_AFWIJZEN,
        Actie.SVB_MELDEN,
        Actie.SVB_ONGEDAAN,
    }
)
# Answers of partners, not steps a person takes: Halt reports its afdoening itself.
ANTWOORDEN = frozenset({Actie.HALT_POSITIEF, Actie.HALT_NEGATIEF})


class Stapkeuze(msgspec.Struct, frozen=True):
    actie: Actie
    mogelijk: bool
    methode: bool
    """The method's next step from the case's status (otherwise: a departure, with a reason)."""
    regel: str | None = None
    """Why the step cannot be taken now, with its article; None when it can."""
    aanbevolen: bool = False
    """The first of the method's next steps that can be taken: what the method advises."""


def _hoopvol(feiten: Feiten) -> Feiten:
    vast = dict(VAST_TE_STELLEN)
    if feiten.inkomen is None:
        vast["inkomen"] = Inkomen.GEEN
    if feiten.dagbesteding is None:
        vast["dagbesteding"] = False
    return msgspec.structs.replace(feiten, **vast)


def keuzes(status: Status, soort: Zaaksoort, feiten: Feiten) -> list[Stapkeuze]:
    """The method's next steps in the method's order (each possible or not, with its rule), then
    the departures the law allows with a reason. Steps the order rules out even as a departure
    (a Halt answer, SVB akkoord without a request) are left out, as is every step of a closed
    case."""
    if status is Status.AFGESLOTEN:
        return []
    f = _hoopvol(feiten)
    methode = set(volgende(soort, status))
    uit: list[Stapkeuze] = []
    for actie in _METHODE[soort]:
        if actie in ANTWOORDEN:
            continue
        if actie in methode:
            b = beslis(status, actie, f, None, soort)
            uit.append(Stapkeuze(actie, b.toegestaan, True, None if b.toegestaan else b.regel))
        elif status is not Status.PROCES_VERBAAL:
            b = beslis(status, actie, f, "(uitleg in het formulier)", soort)
            if b.toegestaan or not b.volgorde:
                regel = None if b.toegestaan else b.regel
                uit.append(Stapkeuze(actie, b.toegestaan, False, regel))
    advies = aanbevolen(soort, status, {k.actie for k in uit if k.methode and k.mogelijk})
    return [msgspec.structs.replace(k, aanbevolen=k.actie is advies) for k in uit]


def aanbevolen(
    soort: Zaaksoort, status: Status, mogelijk: set[Actie] | None = None
) -> Actie | None:
    """The method's advice from `status`: the first next step (in the method's order) that moves
    the case on to a new stage, else the first next step that records something, else closing.
    `mogelijk` narrows it to the steps the facts allow; without it (the werkvoorraad, one line per
    case and no facts looked up) every next step counts but those that hang on the facts."""
    kandidaten = [
        a
        for a in volgende(soort, status)
        if a not in ANTWOORDEN
        and (a in mogelijk if mogelijk is not None else a not in OP_DE_FEITEN)
    ]
    methode = _METHODE[soort]

    def verder(a: Actie) -> bool:
        naar = methode[a][1]
        return naar is not None and naar not in (status, Status.AFGESLOTEN)

    return (
        next((a for a in kandidaten if verder(a)), None)
        or next((a for a in kandidaten if methode[a][1] is not Status.AFGESLOTEN), None)
        or next(iter(kandidaten), None)
    )
