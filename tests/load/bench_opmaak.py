"""Benchmark: the time to lay out one letter, the former layout (fpdf2's `write_html`, Latin-1
core fonts, untagged) against the present one (typst, PDF/A-2a and PDF/UA-1 with embedded fonts),
in one run on the same machine, over every letter kind with the example pupil. The Jinja text is
made once per letter and counted apart: both layouts start from the same HTML.

Not a test; run by hand:

  .venv/bin/python -m tests.load.bench_opmaak [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from fpdf import FPDF

from portal.brieven import render as r
from portal.brieven.voorbeeld import VOORBEELD

_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def _oud(titel: str, html: str) -> bytes:
    """The layout as it was until this change (portal/brieven/render.py before typst)."""
    pdf = FPDF(format="A4")
    pdf.set_title(titel)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.write_html(html.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def _ms(werk: Any, rounds: int) -> list[float]:
    """Each round with another kenmerk: typst memoises a layout it has made before."""
    uit = []
    for n in range(rounds):
        begin = time.perf_counter()
        werk(f"LP-2026-{n:05d}")
        uit.append((time.perf_counter() - begin) * 1000)
    return uit


def main(rounds: int) -> None:
    r.render("uitnodiging", VOORBEELD)  # fonts loaded once per worker process, as in the pool
    oud, nieuw = [], []
    for soort in sorted(r.TITELS):
        html = r.render(soort, VOORBEELD).html
        oud += _ms(lambda k, h=html, s=soort: _oud(r.TITELS[s], h.replace("AB12CD34", k)), rounds)
        nieuw += _ms(lambda k, s=soort: r.render(s, {**VOORBEELD, "kenmerk": k}), rounds)
    print(f"{len(r.TITELS)} letter kinds, {rounds} rounds each, one process")
    for naam, tijden in (("fpdf2 (former)", oud), ("typst PDF/A-2a + UA-1 (text included)", nieuw)):
        tijden.sort()
        print(
            f"{naam:40} p50 {statistics.median(tijden):6.1f} ms"
            f"  p95 {tijden[int(len(tijden) * 0.95)]:6.1f} ms"
        )
    print(
        f"ratio of medians (typst / fpdf2): {statistics.median(nieuw) / statistics.median(oud):.2f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    main(parser.parse_args().rounds)
