"""Vrijstellingen (art. 11-14; Lpw art. 5 a, b, c and 15; DOMAIN §8): the terms of a kennisgeving,
and what a valid one brings with it.

- 5a (lichamelijk of psychisch ongeschikt): the parents' consent for the GGD deskundige is needed;
  the parents hear within 10 werkdagen after the deskundige's statement (12.4).
- 5b (bedenkingen tegen de richting): within 20 werkdagen (12.6); the leerplichtambtenaar checks the
  objections really concern the richting, and whether the jongere was enrolled before (12.7).
- 5c (school abroad): how and when proof follows, where a statement is not yet possible (12.11).
- 15 (other education; 17-year-olds joining Defensie): the defensiepersoneelnummer goes in the
  letter, with a copy to Defensie HR (11.3-11.6).
- 3a/3b (vervangende leerplicht, art. 10): the gesprekken within 10 werkdagen, the agreements in
  writing, those involved informed within 5 werkdagen, the request signed by the parents, and the
  Arbeidsinspectie informed (art. 18).
An invalid kennisgeving gets a term to enroll, usually at most 20 werkdagen (12.9); a valid one a
period and the date by which a new kennisgeving is due, registration with DUO, and the
Arbeidsinspectie informed for a jongere of 16 or 17 (12.13).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from portal.domain.kalender import Dagsoort, termijn


class Grond(StrEnum):
    ONGESCHIKT = "5a"
    RICHTING = "5b"
    BUITENLAND = "5c"
    ANDER_ONDERWIJS = "15"
    VERVANGEND_PRAKTIJK = "3a"
    """Vervangende leerplicht: an adapted programme with practice time (Lpw art. 3a)."""
    VERVANGEND_ARBEID = "3b"
    """Vervangende leerplicht: light work beside and with the education (Lpw art. 3b)."""


VERVANGEND = frozenset({Grond.VERVANGEND_PRAKTIJK, Grond.VERVANGEND_ARBEID})
GESPREKKEN_WERKDAGEN = 10
INFORMEREN_WERKDAGEN = 5


BERICHT_5A_WERKDAGEN = 10
BERICHT_5B_WERKDAGEN = 20
INSCHRIJVEN_WERKDAGEN = 20


def bericht_uiterlijk(
    grond: Grond, ontvangen: date, verklaring_deskundige: date | None
) -> date | None:
    """When the parents must hear whether the kennisgeving is valid; None where no term runs yet
    (5a before the deskundige's statement) or the instruction sets none (5c, 15)."""
    if grond is Grond.ONGESCHIKT:
        if verklaring_deskundige is None:
            return None
        return termijn(verklaring_deskundige, BERICHT_5A_WERKDAGEN, Dagsoort.WERKDAGEN)
    if grond is Grond.RICHTING:
        return termijn(ontvangen, BERICHT_5B_WERKDAGEN, Dagsoort.WERKDAGEN)
    if grond in VERVANGEND:
        # Art. 10.2: the gesprekken about the programme within 10 werkdagen.
        return termijn(ontvangen, GESPREKKEN_WERKDAGEN, Dagsoort.WERKDAGEN)
    return None


def informeren_uiterlijk(gesprek: date) -> date:
    """Art. 10.3: those who design the programme hear the agreements within 5 werkdagen."""
    return termijn(gesprek, INFORMEREN_WERKDAGEN, Dagsoort.WERKDAGEN)


def inschrijven_uiterlijk(besluit: date) -> date:
    """Art. 12.9: a reasonable term to enroll after an invalid kennisgeving."""
    return termijn(besluit, INSCHRIJVEN_WERKDAGEN, Dagsoort.WERKDAGEN)


def geldig_fout(
    grond: Grond,
    *,
    toestemming_deskundige: bool,
    verklaring_deskundige: date | None,
    eerder_ingeschreven_onderzocht: bool,
    defensiepersoneelnummer: str | None,
    van: date,
    tot: date | None,
    hernieuwen_voor: date | None,
    gesprek_gevoerd: bool = False,
    afspraken_vastgelegd: bool = False,
    verzoek_ondertekend: bool = False,
) -> str | None:
    """Why a kennisgeving cannot be found valid yet, or None."""
    if grond in VERVANGEND:
        if not gesprek_gevoerd:
            return "art. 10.2: voer eerst de gesprekken over het programma"
        if not afspraken_vastgelegd:
            return "art. 10.3: leg de afspraken uit de gesprekken schriftelijk vast"
        if not verzoek_ondertekend:
            return "art. 10.4: de ouders ondertekenen en dienen het verzoek in"
    if grond is Grond.ONGESCHIKT:
        if not toestemming_deskundige:
            return "art. 12.3: de ouders hebben de deskundige nog geen toestemming gegeven"
        if verklaring_deskundige is None:
            return "art. 14: de verklaring van de deskundige (GGD-jeugdarts) ontbreekt"
    if grond is Grond.RICHTING and not eerder_ingeschreven_onderzocht:
        return "art. 12.7: ga eerst na of de jongere eerder op een school stond ingeschreven"
    if tot is None or hernieuwen_voor is None:
        return (
            "art. 12.5: noem de periode van de vrijstelling en de datum van een nieuwe kennisgeving"
        )
    if tot < van or hernieuwen_voor > tot:
        return "art. 12.5: de periode of de datum van een nieuwe kennisgeving klopt niet"
    if (
        grond is Grond.ANDER_ONDERWIJS
        and defensiepersoneelnummer is not None
        and not (defensiepersoneelnummer.strip())
    ):
        return "art. 11.5: het defensiepersoneelnummer ontbreekt"
    return None


def arbeidsinspectie_informeren(leeftijd: int, grond: Grond | None = None) -> bool:
    """Art. 12.13: for a jongere of 16 or 17; art. 10.5, 18: for every vervangende leerplicht."""
    return grond in VERVANGEND or 16 <= leeftijd < 18
