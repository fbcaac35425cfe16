"""Renders a letter: a Jinja2 template (the tenant's own, or the default set) to HTML, then to PDF
with fpdf2 (pure Python: nothing to install beside the wheel). The core PDF fonts cover Latin-1,
which holds Dutch; other punctuation is replaced by its plain equivalent."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from fpdf import FPDF

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
}
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    undefined=jinja2.StrictUndefined,
)
_env.filters["datum"] = lambda d: d.strftime("%d-%m-%Y") if isinstance(d, date) else str(d)
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
    def __init__(self, soort: str, titel: str, html: str, pdf: bytes) -> None:
        self.soort, self.titel, self.html, self.pdf = soort, titel, html, pdf
        self.sha256 = hashlib.sha256(pdf).hexdigest()


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
    pdf = FPDF(format="A4")
    pdf.set_title(TITELS[soort])
    pdf.set_creator("RMC-portaal")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.write_html(html.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1"))
    return Brief(soort, TITELS[soort], html, bytes(pdf.output()))


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
