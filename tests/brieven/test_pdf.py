"""Every letter as a parent receives it, read back from its PDF: the address in the window, the
kenmerk, the date in words, whom to call and the legal basis; PDF/A-2a and PDF/UA-1 (the XMP
identification, a structure tree, Dutch as its language, the title), the fonts embedded, and
names outside Latin-1 printed as typed. The PNGs go to tests/artifacts for anyone to look at."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from portal.brieven.render import GRONDSLAGEN, TITELS, render
from portal.brieven.voorbeeld import VOORBEELD

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "brieven"
LOGO = Path(__file__).resolve().parents[2] / "portal" / "web" / "static" / "logos" / "0363.svg"
BRIEF = {
    **VOORBEELD,
    "gemeente": "Amsterdam",
    "kenmerk": "LP-2026-00123",
    "jongere": {**VOORBEELD["jongere"], "naam": "Sam Öztürk", "voornaam": "Sam"},
    "aan": {
        "aanhef": "Aan de ouder(s)/verzorger(s) van",
        "naam": "Sam Öztürk",
        "regels": ["Ĳsbaanpad 12A-3", "1011 AB  AMSTERDAM"],
    },
    "afzender": {
        "naam": "Gemeente Amsterdam",
        "afdeling": "Leerplicht en RMC",
        "postadres": ["Postbus 1840", "1000 BV  Amsterdam"],
        "retour": "Retouradres: Postbus 1840, 1000 BV Amsterdam",
        "website": None,
        "logo": LOGO.read_text(encoding="utf-8"),
    },
}


def _tekst(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("soort", sorted(TITELS))
def test_every_letter_says_to_whom_from_whom_when_and_on_what_ground(soort: str) -> None:
    brief = render(soort, BRIEF)
    tekst = " ".join(_tekst(brief.pdf).split())
    for nodig in (
        "Sam Öztürk",
        "Ĳsbaanpad 12A-3",
        "1011 AB AMSTERDAM",
        "LP-2026-00123",
        "14 september 2026",
        "F. El Amrani",
        "020-552 3456",
        "f.elamrani@voorbeeldgemeente.nl",
        "Gemeente Amsterdam",
        " ".join(GRONDSLAGEN[soort].split()),
        TITELS[soort],
    ):
        assert nodig in tekst, (soort, nodig)
    assert "14-09-2026" not in tekst  # the date written out, never as digits
    if pdftoppm := shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pdf = ARTIFACTS / f"{soort}.pdf"
        pdf.write_bytes(brief.pdf)
        subprocess.run(
            [pdftoppm, "-r", "80", "-png", "-singlefile", str(pdf), str(ARTIFACTS / soort)],
            check=True,
        )
        pdf.unlink()


def test_the_pdf_is_pdf_a_2a_and_pdf_ua_1_in_dutch_with_its_title_and_fonts_embedded() -> None:
    brief = render("waarschuwingsbrief", BRIEF)
    reader = PdfReader(io.BytesIO(brief.pdf))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part[^0-9]{0,3}2", xmp)
    assert re.search(r"pdfaid:conformance[^A-Z]{0,3}A", xmp)
    assert re.search(r"pdfuaid:part[^0-9]{0,3}1", xmp)
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] in ("nl", "nl-NL")
    assert reader.metadata is not None
    assert reader.metadata.title == "Waarschuwing leerplicht"
    for pagina in reader.pages:
        for font in pagina["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            beschrijving = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile2", "/FontFile3"} & set(beschrijving), font


def test_names_beyond_latin_1_and_markup_characters_print_as_typed() -> None:
    naam = "Şükrü Öztürk-İlhan [*#$_] ‘Ĳ’ – ē"
    brief = render(
        "uitnodiging",
        {**BRIEF, "aan": {**BRIEF["aan"], "naam": naam}, "school": "School *vet* #set"},
    )
    tekst = _tekst(brief.pdf)
    assert naam in tekst
    assert "School *vet* #set" in tekst


def test_without_a_street_the_window_says_to_write_the_address_by_hand() -> None:
    brief = render("uitnodiging", {**BRIEF, "aan": {**BRIEF["aan"], "regels": None}})
    assert "Adres onbekend: vul het adres met de hand in." in " ".join(_tekst(brief.pdf).split())


def test_a_character_the_font_lacks_never_stops_the_letter() -> None:
    """A sender or name with a character outside the font (a fuzzer's, a private-use one) prints
    as '?' instead of failing the archival PDF, and with it every letter of the gemeente."""
    vreemd = "Leerplicht \U00055e76 \u4e2d\u6587 \U0001f600"
    brief = render("uitnodiging", {**BRIEF, "afzender": {**BRIEF["afzender"], "afdeling": vreemd}})
    tekst = _tekst(brief.pdf)
    assert "Leerplicht ? ?? ?" in tekst
