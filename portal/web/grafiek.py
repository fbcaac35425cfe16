"""Stacked bar charts as server-drawn SVG: no script, so the page keeps its strict CSP and works
without JavaScript. The page shows the same numbers in a table beside each chart, which is what a
screen reader reads; the SVG is one labelled image."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import msgspec

# Distinct colours with at least 3:1 contrast against white (WCAG 1.4.11); the legend names them.
KLEUREN = ("#004699", "#a4004f", "#00703c", "#b35900", "#5b2c86", "#595959", "#007a8a")
BREEDTE, HOOGTE, LINKS, ONDER, BOVEN = 720, 270, 40, 40, 22


class Segment(msgspec.Struct, frozen=True):
    categorie: str
    aantal: int
    y: float
    hoogte: float
    kleur: str


class Staaf(msgspec.Struct, frozen=True):
    maand: str
    label: str
    x: float
    breedte: float
    totaal: int
    segmenten: list[Segment]


class Grafiek(msgspec.Struct, frozen=True):
    staven: list[Staaf]
    legenda: list[tuple[str, str, str]]
    """(categorie, label, kleur), only categories that occur."""
    schaal: list[tuple[int, float]]
    """Tick values and their y."""
    totaal: int
    breedte: int = BREEDTE
    hoogte: int = HOOGTE
    links: int = LINKS
    basis: int = HOOGTE - ONDER


MAANDNAMEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _stap(maximum: int) -> int:
    """A round tick step giving at most five ticks."""
    if maximum <= 5:
        return 1
    ruw = maximum / 5
    macht = 10 ** math.floor(math.log10(ruw))
    return int(next(m * macht for m in (1, 2, 5, 10) if m * macht >= ruw))


def staafgrafiek(
    maanden: Sequence[str],
    rijen: Iterable[tuple[str, str, int]],
    labels: dict[str, str],
) -> Grafiek:
    """`rijen`: (maand, categorie, aantal); categories keep the order of `labels`."""
    per_maand: dict[str, dict[str, int]] = {m: {} for m in maanden}
    for maand, categorie, aantal in rijen:
        if maand in per_maand:
            per_maand[maand][categorie] = per_maand[maand].get(categorie, 0) + aantal
    aanwezig = [c for c in labels if any(c in v for v in per_maand.values())]
    aanwezig += sorted({c for v in per_maand.values() for c in v} - set(labels))
    kleur = {c: KLEUREN[i % len(KLEUREN)] for i, c in enumerate(aanwezig)}
    maximum = max((sum(v.values()) for v in per_maand.values()), default=0)
    stap = _stap(maximum)
    top = max(stap, math.ceil(maximum / stap) * stap)
    hoogte = HOOGTE - ONDER - BOVEN
    per_eenheid = hoogte / top
    vak = (BREEDTE - LINKS) / max(1, len(maanden))
    staven = []
    for i, maand in enumerate(maanden):
        y = float(HOOGTE - ONDER)
        segmenten = []
        for categorie in aanwezig:
            aantal = per_maand[maand].get(categorie, 0)
            if aantal:
                h = aantal * per_eenheid
                y -= h
                segmenten.append(
                    Segment(categorie, aantal, round(y, 1), round(h, 1), kleur[categorie])
                )
        jaar, nummer = maand.split("-")
        staven.append(
            Staaf(
                maand,
                f"{MAANDNAMEN[int(nummer) - 1]} {jaar[2:]}",
                round(LINKS + i * vak + vak * 0.15, 1),
                round(vak * 0.7, 1),
                sum(per_maand[maand].values()),
                segmenten,
            )
        )
    schaal = [
        (waarde, round(HOOGTE - ONDER - waarde * per_eenheid, 1))
        for waarde in range(0, top + 1, stap)
    ]
    return Grafiek(
        staven=staven,
        legenda=[(c, labels.get(c, c.replace("_", " ")), kleur[c]) for c in aanwezig],
        schaal=schaal,
        totaal=sum(s.totaal for s in staven),
    )
