"""A letter's text, as a gemeente's template writes it (a small part of HTML: paragraphs, bold and
italic, line breaks, lists, a heading), turned into plain blocks of runs for the page layout.

The layout (`brief.typ`) receives these blocks as data, never as markup, so no character a
template or a name contains ('*', '#', '$', a bracket) can change the layout, and nothing but text
reaches the PDF. An unknown tag keeps its text and loses its markup.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Literal

import msgspec

MAX_BLOKKEN = 2_000
"""Blocks one letter may have (a real one has a dozen)."""

# What the letter's embedded font (Libertinus Serif) prints, measured against typst in PDF/A mode:
# Latin with its extensions and combining marks, Greek, Cyrillic, the usual punctuation and €.
# A character outside it would stop the archival PDF from being made at all.
_DRUKBAAR = (
    (0x20, 0x36F), (0x391, 0x3A9), (0x3B1, 0x3C9), (0x400, 0x4FF), (0x1E00, 0x1EFF),
    (0x2010, 0x2027), (0x2030, 0x203A), (0x20AC, 0x20AC), (0x2122, 0x2122),
)  # fmt: skip


def drukbaar_teken(c: str) -> bool:
    n = ord(c)
    return c == "\n" or any(a <= n <= b for a, b in _DRUKBAAR)


def drukbaar(tekst: str) -> str:
    """The text as the letter can print it: a character the font lacks becomes '?'."""
    return "".join(c if drukbaar_teken(c) else "?" for c in tekst)


class Stuk(msgspec.Struct, frozen=True, omit_defaults=True):
    """A run of text with its emphasis, or a line break."""

    t: str = ""
    b: bool = False
    i: bool = False
    br: bool = False


class Blok(msgspec.Struct, frozen=True):
    soort: Literal["alinea", "kop", "lijst", "rechts"]
    stukken: list[Stuk] = msgspec.field(default_factory=list)
    items: list[list[Stuk]] = msgspec.field(default_factory=list)
    """For a list: its items."""


class _Lezer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blokken: list[Blok] = []
        self._stukken: list[Stuk] = []
        self._soort: Literal["alinea", "kop", "rechts"] = "alinea"
        self._items: list[list[Stuk]] | None = None
        self._vet = 0
        self._schuin = 0

    def _sluit(self) -> None:
        stukken = _netjes(self._stukken)
        self._stukken = []
        if not stukken:
            return
        if self._items is not None:
            self._items.append(stukken)
        else:
            self.blokken.append(Blok(self._soort, stukken))
        if len(self.blokken) > MAX_BLOKKEN:
            raise ValueError("te veel alinea's")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "div", "h1", "h2", "h3", "li"):
            self._sluit()
            rechts = any(k == "align" and (v or "").lower() == "right" for k, v in attrs)
            self._soort = "kop" if tag.startswith("h") else "rechts" if rechts else "alinea"
        elif tag in ("ul", "ol"):
            self._sluit()
            self._items = []
        elif tag == "br":
            self._stukken.append(Stuk(br=True))
        elif tag in ("b", "strong"):
            self._vet += 1
        elif tag in ("i", "em"):
            self._schuin += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "h1", "h2", "h3", "li"):
            self._sluit()
            self._soort = "alinea"
        elif tag in ("ul", "ol"):
            self._sluit()
            if self._items:
                self.blokken.append(Blok("lijst", items=self._items))
            self._items = None
        elif tag in ("b", "strong"):
            self._vet = max(0, self._vet - 1)
        elif tag in ("i", "em"):
            self._schuin = max(0, self._schuin - 1)

    def handle_data(self, data: str) -> None:
        tekst = " ".join(data.split())
        if data[:1].isspace():
            tekst = " " + tekst
        if data[-1:].isspace() and tekst.strip():
            tekst += " "
        if tekst:
            self._stukken.append(Stuk(tekst, self._vet > 0, self._schuin > 0))

    def close(self) -> None:
        super().close()
        self._sluit()
        if self._items:
            self.blokken.append(Blok("lijst", items=self._items))


def _netjes(stukken: list[Stuk]) -> list[Stuk]:
    """Spaces as a browser shows them: none at the start or end of a line, never two."""
    uit: list[Stuk] = []
    for s in stukken:
        if s.br:
            if uit and not uit[-1].br:
                uit[-1] = msgspec.structs.replace(uit[-1], t=uit[-1].t.rstrip())
            uit.append(s)
            continue
        tekst = s.t
        if not uit or uit[-1].br or uit[-1].t.endswith(" "):
            tekst = tekst.lstrip()
        if tekst:
            uit.append(msgspec.structs.replace(s, t=tekst))
    while uit and (uit[-1].br or not uit[-1].t.strip()):
        uit.pop()
    if uit:
        uit[-1] = msgspec.structs.replace(uit[-1], t=uit[-1].t.rstrip())
    return uit


def blokken(html: str) -> list[Blok]:
    """The letter's text as blocks; a ValueError for a text of more than MAX_BLOKKEN blocks."""
    lezer = _Lezer()
    lezer.feed(html)
    lezer.close()
    return lezer.blokken


def platte_tekst(delen: list[Blok]) -> str:
    """The blocks as plain text (what the letter must say is checked on this)."""
    regels = []
    for b in delen:
        for stukken in b.items or [b.stukken]:
            regels.append("".join("\n" if s.br else s.t for s in stukken))
    return "\n".join(regels)
