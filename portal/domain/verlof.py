"""Verlof (art. 5, toelichting 5; Lpw art. 11, 13a, 14; DOMAIN §6; API.md `POST /verlofaanvragen`).

`beoordeel(aanvraag, eerder, eerste_lesdag)` says who decides (vakantieverlof: always the director,
once per school year; andere gewichtige omstandigheden: the director up to 10 schooldagen in a
school year across those grounds, counting granted and pending applications, beyond that the
leerplichtambtenaar; neither counts towards the other), which hard rules of vakantieverlof the
request breaks (each a field and a reason: a 422), and the warnings a decider should read (a
ground's maximum days; grounds that are never granted).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

import msgspec

from portal.domain.kalender import schooljaar

DIRECTEUR_MAX = 10
"""Schooldagen per school year the director may grant: vakantieverlof (Lpw 13a) at most 10, and,
apart from it, verlof for andere gewichtige omstandigheden up to 10 in total (Lpw 14)."""


class Grond(StrEnum):
    VAKANTIE = "vakantie"
    WETTELIJKE_VERPLICHTING = "wettelijke_verplichting"
    VERHUIZING = "verhuizing"
    HUWELIJK = "huwelijk"
    ERNSTIGE_ZIEKTE = "ernstige_ziekte"
    OVERLIJDEN = "overlijden"
    JUBILEUM = "jubileum"
    OVERIG = "overig"


class Beslisser(StrEnum):
    DIRECTEUR = "directeur"
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar"


class Aanvraag(msgspec.Struct, frozen=True, kw_only=True):
    grond: Grond
    eerste_dag: date
    laatste_dag: date
    schooldagen: int
    buitenland: bool = False
    graad: int | None = None
    toelichting: str = ""


class Eerder(msgspec.Struct, frozen=True, kw_only=True):
    """Another application of the same jongere that still counts: granted or pending."""

    grond: Grond
    eerste_dag: date
    schooldagen: int


class Fout(msgspec.Struct, frozen=True):
    field: str
    message: str


class Beoordeling(msgspec.Struct, frozen=True):
    beslisser: Beslisser
    fouten: list[Fout]
    waarschuwingen: list[str]


# Never granted (toelichting 5): phrases a request's toelichting may name.
NOOIT = {
    "goedkope ticket": "goedkopere tickets buiten de schoolvakantie",
    "goedkoper": "goedkopere tickets buiten de schoolvakantie",
    "tickets al gekocht": "al gekochte tickets",
    "al geboekt": "al gekochte tickets of een geboekte reis",
    "geen tickets meer": "geen tickets meer beschikbaar in de vakantie",
    "file": "verkeersdrukte",
    "verkeersdrukte": "verkeersdrukte",
    "oriënt": "oriëntatie op terugkeer naar het land van herkomst",
    "spreiding": "vakantiespreiding",
    "rooster": "het rooster van een werkgever",
}


def maximum(aanvraag: Aanvraag) -> int | None:
    """The ground's maximum schooldagen (toelichting 5), or None where it sets none."""
    g = aanvraag.grond
    if g is Grond.VERHUIZING or g is Grond.JUBILEUM:
        return 1
    if g is Grond.HUWELIJK:
        return 5 if aanvraag.buitenland else 2
    if g is Grond.OVERLIJDEN:
        if aanvraag.buitenland and aanvraag.graad in (1, 2, 3, 4):
            return 5
        return {1: 5, 2: 2, 3: 1, 4: 1}.get(aanvraag.graad or 0)
    if g is Grond.VAKANTIE:
        return DIRECTEUR_MAX
    return None


def in_eerste_lesweken(dag: date, eerste_lesdag: date) -> bool:
    return eerste_lesdag <= dag < eerste_lesdag + timedelta(days=14)


def beoordeel(aanvraag: Aanvraag, eerder: list[Eerder], eerste_lesdag: date | None) -> Beoordeling:
    """`eerder`: the jongere's other granted or pending applications (any school year; only the
    request's school year counts); `eerste_lesdag`: the first day of school after the summer
    holiday of that school year, None where the gemeente has not set its holidays."""
    jaar = schooljaar(aanvraag.eerste_dag)
    zelfde_jaar = [e for e in eerder if schooljaar(e.eerste_dag) == jaar]
    fouten: list[Fout] = []
    waarschuwingen: list[str] = []
    if aanvraag.laatste_dag < aanvraag.eerste_dag:
        fouten.append(Fout("laatste_dag", "de laatste dag ligt voor de eerste dag"))
    if aanvraag.schooldagen < 1:
        fouten.append(Fout("schooldagen", "een aanvraag geldt voor minstens één schooldag"))
    elif aanvraag.schooldagen > (aanvraag.laatste_dag - aanvraag.eerste_dag).days + 1:
        fouten.append(Fout("schooldagen", "meer schooldagen dan dagen in de periode"))
    if aanvraag.grond is Grond.VAKANTIE:
        if aanvraag.schooldagen > DIRECTEUR_MAX:
            fouten.append(Fout("schooldagen", "vakantieverlof is ten hoogste 10 schooldagen"))
        if any(e.grond is Grond.VAKANTIE for e in zelfde_jaar):
            fouten.append(Fout("grond", "vakantieverlof kan één keer per schooljaar"))
        if eerste_lesdag is None:
            waarschuwingen.append(
                "de schoolvakanties van dit schooljaar zijn niet ingesteld: controleer zelf dat "
                "het verlof niet in de eerste twee lesweken valt"
            )
        elif in_eerste_lesweken(aanvraag.eerste_dag, eerste_lesdag) or (
            aanvraag.eerste_dag < eerste_lesdag <= aanvraag.laatste_dag
        ):
            fouten.append(
                Fout(
                    "eerste_dag",
                    "vakantieverlof nooit in de eerste twee lesweken van het schooljaar",
                )
            )
    if aanvraag.grond is Grond.OVERLIJDEN and aanvraag.graad not in (1, 2, 3, 4):
        fouten.append(Fout("graad", "geef de graad van verwantschap (1 tot en met 4)"))
    hoogste = maximum(aanvraag)
    if (
        hoogste is not None
        and aanvraag.schooldagen > hoogste
        and aanvraag.grond is not Grond.VAKANTIE
    ):
        waarschuwingen.append(
            f"voor {aanvraag.grond.value.replace('_', ' ')} geldt ten hoogste {hoogste} "
            f"schooldag{'en' if hoogste > 1 else ''}"
        )
    tekst = aanvraag.toelichting.lower()
    for woord, grond in NOOIT.items():
        if woord in tekst:
            waarschuwingen.append(f"verlof wordt nooit verleend voor {grond}")
            break
    wie = beslisser(aanvraag, zelfde_jaar)
    eerdere = gewichtige_dagen(zelfde_jaar, jaar)
    if wie is Beslisser.LEERPLICHTAMBTENAAR and aanvraag.schooldagen <= DIRECTEUR_MAX:
        waarschuwingen.append(
            f"met de {eerdere} schooldagen die dit schooljaar al om andere gewichtige "
            "omstandigheden zijn verleend of aangevraagd komt het totaal boven 10: de "
            "leerplichtambtenaar beslist (vakantieverlof telt niet mee)"
        )
    return Beoordeling(wie, fouten, waarschuwingen)


def gewichtige_dagen(eerder: list[Eerder], jaar: int) -> int:
    """The schooldagen of andere gewichtige omstandigheden granted or pending in one school year:
    the total the director's limit of 10 is over (Lpw 14; toel. 5). Vakantieverlof counts apart."""
    return sum(
        e.schooldagen
        for e in eerder
        if e.grond is not Grond.VAKANTIE and schooljaar(e.eerste_dag) == jaar
    )


def beslisser(aanvraag: Aanvraag, eerder: list[Eerder]) -> Beslisser:
    """Vakantieverlof (Lpw 13a) is always the director's. Verlof for andere gewichtige
    omstandigheden goes to the leerplichtambtenaar when it is over 10 schooldagen, or when it brings
    the school year's total of those grounds over 10 ("in één aanvraag, maar ook in een paar
    opeenvolgende aanvragen", toel. 5)."""
    if aanvraag.grond is Grond.VAKANTIE:
        return Beslisser.DIRECTEUR
    totaal = aanvraag.schooldagen + gewichtige_dagen(eerder, schooljaar(aanvraag.eerste_dag))
    if aanvraag.schooldagen > DIRECTEUR_MAX or totaal > DIRECTEUR_MAX:
        return Beslisser.LEERPLICHTAMBTENAAR
    return Beslisser.DIRECTEUR


BESLISTERMIJN_WEKEN = 8
"""A reasonable decision term under the Awb (toelichting 5)."""


def beslistermijn(ontvangen: date) -> date:
    return ontvangen + timedelta(weeks=BESLISTERMIJN_WEKEN)


def begint_voor_besluit(eerste_dag: date, ontvangen: date) -> bool:
    """The leave starts before a decision is due: the receipt must say so (art. 5.1)."""
    return eerste_dag <= beslistermijn(ontvangen)


def hersteltermijn(vandaag: date, weken: int) -> date:
    """Art. 5.2: at least one, at most three weeks to complete an application."""
    if not 1 <= weken <= 3:
        raise ValueError("art. 5.2: een hersteltermijn is één tot drie weken")
    return vandaag + timedelta(weeks=weken)


def besluit_fout(
    *, gehoord: bool, afwijkend: bool, zienswijze: bool, bevestigd: bool
) -> str | None:
    """What the leerplichtambtenaar must have done before deciding (art. 5.1, 5.3, 5.4)."""
    if not bevestigd:
        return "art. 5.1: bevestig eerst de ontvangst van de aanvraag"
    if not gehoord:
        return "art. 5.3: hoor eerst de directeur van de school"
    if afwijkend and not zienswijze:
        return "art. 5.4: vraag eerst de zienswijze van de ouders op een afwijkend besluit"
    return None
