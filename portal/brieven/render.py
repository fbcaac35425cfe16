"""Renders a letter: a Jinja2 template (the tenant's own, or the default set) writes its text as a
small part of HTML; the text becomes plain blocks (`opmaak`), and typst lays them out in the
letter's frame (`brief.typ`: logo, return address, the addressee in the envelope's window, the
facts, the subject) as a PDF/A-2a that is also PDF/UA-1: tagged for screen readers, Dutch as its
language, its title set, and its fonts embedded for the whole Latin range ("Öztürk", "Ĳsselmeer",
"–" print as typed). typst installs as a wheel with its own fonts: nothing from the system."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
import msgspec
import typst

from portal.brieven.opmaak import blokken, drukbaar, platte_tekst
from portal.domain.datum import voluit

TEMPLATES = Path(__file__).parent / "templates"
TITELS = {
    "uitnodiging": "Uitnodiging voor een gesprek over verzuim",
    "waarschuwingsbrief": "Waarschuwing leerplicht",
    "kennisgevingsbrief": "Kennisgeving verzuimmelding",
    "uitnodiging_18plus": "Uitnodiging voor een gesprek over je opleiding",
    "absoluut_verzuim": "Uw kind staat niet ingeschreven op een school",
    "halt_verwijzing": "Verwijzing naar Halt",
    "halt_melding_school": "Verwijzing naar Halt: bericht aan de school",
    "uitnodiging_verhoor": "Uitnodiging voor een verhoor",
    "ontvangstbevestiging_verlof": "Ontvangstbevestiging van uw verlofaanvraag",
    "hersteltermijn_verlof": "Uw verlofaanvraag is niet compleet",
    "verlofbesluit": "Besluit op uw verlofaanvraag",
    "vrijstelling": "Vrijstelling van de leerplicht",
    "vrijstelling_ongeldig": "Uw kennisgeving van vrijstelling voldoet niet",
    "onderwijsvoorziening_geen_school": "Onderwijsvoorziening is geen school",
    "proces_verbaal": "Proces-verbaal van bevindingen: overtreding van de Leerplichtwet",
    "overdracht_woongemeente": "Schoolhistorie bij verhuizing naar uw gemeente",
}
GRONDSLAGEN = {
    "uitnodiging": "Leerplichtwet 1969, art. 16; Ambtsinstructie Leerplicht en RMC, art. 6.3",
    "waarschuwingsbrief": "Leerplichtwet 1969, art. 16; Ambtsinstructie, art. 6.5",
    "kennisgevingsbrief": "Ambtsinstructie Leerplicht en RMC, art. 6.3",
    "uitnodiging_18plus": "Leerplichtwet 1969, art. 4a; Ambtsinstructie Leerplicht en RMC, art. 7",
    "absoluut_verzuim": "Leerplichtwet 1969, art. 2 en 16; Ambtsinstructie, art. 3.7",
    "halt_verwijzing": "Wetboek van Strafrecht, art. 77e; Ambtsinstructie, art. 6.8",
    "halt_melding_school": "Ambtsinstructie Leerplicht en RMC, art. 6.8",
    "uitnodiging_verhoor": "Wetboek van Strafvordering, art. 27c; Ambtsinstructie, art. 6.10",
    "ontvangstbevestiging_verlof": "Leerplichtwet 1969, art. 14; Ambtsinstructie, art. 5.1",
    "hersteltermijn_verlof": "Algemene wet bestuursrecht, art. 4:5; Ambtsinstructie, art. 5.2",
    "verlofbesluit": "Leerplichtwet 1969, art. 11 en 14; Ambtsinstructie, art. 5",
    "vrijstelling": "Leerplichtwet 1969, art. 5 en 15; Ambtsinstructie, art. 12",
    "vrijstelling_ongeldig": "Leerplichtwet 1969, art. 5; Ambtsinstructie, art. 12.9",
    "onderwijsvoorziening_geen_school": "Leerplichtwet 1969, art. 1; Ambtsinstructie, art. 13",
    "proces_verbaal": "Leerplichtwet 1969, art. 16 en 26; Ambtsinstructie, art. 6.10",
    "overdracht_woongemeente": "Ambtsinstructie Leerplicht en RMC, art. 3.9",
}
"""The legal basis a letter names in its facts, beside what its text says of the articles."""
LAYOUT = Path(__file__).parent / "brief.typ"
PDF_STANDAARDEN: list[typst.PDFStandard] = ["a-2a", "ua-1"]
"""PDF/A-2a for the archive (the Archiefwet keeps these letters for years), PDF/UA-1 for readers."""
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    undefined=jinja2.StrictUndefined,
)
_env.filters["datum"] = lambda d: voluit(d) if isinstance(d, date) else str(d)
MAX_UITVOER = 200_000
"""Characters of HTML a letter may have (a real one has a few thousand)."""


class TeLang(Exception):
    """The letter outgrew MAX_UITVOER."""


class _BriefSandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The sandbox, and no operator that builds a value past the letter's own limit: `'a' * 10**8`
    is refused before the string exists (the sandbox's own `range()` limit is 100,000)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for rij, keer in ((left, right), (right, left)):
                lang = isinstance(rij, str | list | tuple) and isinstance(keer, int)
                if lang and len(rij) * keer > MAX_UITVOER:
                    raise TeLang
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise jinja2.exceptions.SecurityError("machten boven 64 zijn niet toegestaan")
        return super().call_binop(context, operator, left, right)


# A gemeente's own template is text a functioneel beheerder typed: it runs sandboxed (no attribute
# of Python internals, no unsafe calls), with the same includes, filters and strict undefined.
_sandbox = _BriefSandbox(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    undefined=jinja2.StrictUndefined,
)
_sandbox.filters["datum"] = _env.filters["datum"]


def standaard(soort: str) -> str:
    """The default template's source (what a gemeente starts editing from)."""
    if soort not in TITELS:
        raise ValueError(f"onbekende briefsoort '{soort}'")
    return (TEMPLATES / f"{soort}.html").read_text(encoding="utf-8")


class Brief:
    def __init__(self, soort: str, titel: str, html: str, pdf: bytes, tekst: str = "") -> None:
        self.soort, self.titel, self.html, self.pdf = soort, titel, html, pdf
        self.tekst = tekst
        """Everything the letter says (frame and text) as plain text."""
        self.sha256 = hashlib.sha256(pdf).hexdigest()


@cache
def _compiler() -> typst.Compiler:
    """One compiler per worker process: it loads the embedded fonts once."""
    return typst.Compiler(ignore_system_fonts=True)


def _kader(titel: str, context: dict[str, Any]) -> dict[str, Any]:
    """The frame's data: sender, addressee, the facts a reply needs. A caller that gives none of
    it (a template preview) gets the gemeente's name and the letter's kenmerk and date."""
    gemeente = str(context.get("gemeente") or "")
    afzender = context.get("afzender") or {}
    aan = context.get("aan") or {}
    contact = context.get("contact") or {}
    vandaag = context.get("vandaag")
    kenmerk = str(context.get("kenmerk") or "")
    feiten = [
        ["Datum", voluit(vandaag) if isinstance(vandaag, date) else ""],
        ["Ons kenmerk", kenmerk],
    ]
    naam = contact.get("naam") or context.get("leerplichtambtenaar") or ""
    if naam:
        feiten.append(["Contactpersoon", ", ".join(filter(None, (naam, contact.get("functie"))))])
    if contact.get("telefoon"):
        feiten.append(["Telefoon", contact["telefoon"]])
    if contact.get("email"):
        feiten.append(["E-mail", contact["email"]])
    if grondslag := GRONDSLAGEN.get(str(context.get("soort") or "")):
        feiten.append(["Grondslag", grondslag])
    naam_gemeente = afzender.get("naam") or f"Gemeente {gemeente}"
    return {
        "titel": titel,
        "afzender": {
            "naam": naam_gemeente,
            "afdeling": afzender.get("afdeling") or "Leerplicht en RMC",
            "postadres": list(afzender.get("postadres") or []),
            "retour": afzender.get("retour"),
            "website": afzender.get("website"),
            "logo": afzender.get("logo"),
        },
        "aan": {
            "aanhef": aan.get("aanhef", "Aan de ouder(s)/verzorger(s) van"),
            "naam": aan.get("naam") or (context.get("jongere") or {}).get("naam", ""),
            "regels": aan.get("regels"),
        },
        "feiten": feiten,
        "voet": " · ".join(filter(None, (naam_gemeente, kenmerk))),
    }


def render(soort: str, context: dict[str, Any], eigen_sjabloon: str | None = None) -> Brief:
    """`eigen_sjabloon`: the tenant's override of the default template, if it has one."""
    if soort not in TITELS:
        raise ValueError(f"onbekende briefsoort '{soort}'")
    template = (
        _sandbox.from_string(eigen_sjabloon)
        if eigen_sjabloon
        else _env.get_template(f"{soort}.html")
    )
    html = _tot_grens(template.generate(**context, titel=TITELS[soort]))
    tekst = blokken(html)
    kader = _kader(TITELS[soort], {**context, "soort": soort})
    gegevens = _drukbaar({**kader, "blokken": msgspec.to_builtins(tekst)})
    opgesteld = context.get("opgesteld_op")
    pdf = _compiler().compile(
        input=LAYOUT.read_bytes(),
        format="pdf",
        pdf_standards=PDF_STANDAARDEN,
        sys_inputs={"brief": json.dumps(gegevens, ensure_ascii=False)},
        # As typst asks: a fixed offset (UTC) and whole seconds.
        timestamp=(
            opgesteld.astimezone(UTC).replace(microsecond=0)
            if isinstance(opgesteld, datetime)
            else None
        ),
    )
    assert isinstance(pdf, bytes)
    frame = [kader["afzender"]["naam"], kader["aan"]["aanhef"], kader["aan"]["naam"]]
    frame += kader["aan"]["regels"] or []
    frame += [f"{k}: {v}" for k, v in kader["feiten"]]
    return Brief(soort, TITELS[soort], html, pdf, "\n".join([*frame, platte_tekst(tekst)]))


def _drukbaar(waarde: Any) -> Any:
    """Every text of the letter's data as the font prints it (the logo is a drawing, not text)."""
    if isinstance(waarde, str):
        return drukbaar(waarde)
    if isinstance(waarde, list):
        return [_drukbaar(w) for w in waarde]
    if isinstance(waarde, dict):
        return {k: (w if k == "logo" else _drukbaar(w)) for k, w in waarde.items()}
    return waarde


def _tot_grens(delen: Any) -> str:
    """The template's output, streamed and stopped at MAX_UITVOER characters."""
    uit: list[str] = []
    lengte = 0
    for deel in delen:
        lengte += len(deel)
        if lengte > MAX_UITVOER:
            raise TeLang
        uit.append(deel)
    return "".join(uit)
