"""What every page form does with its answer: the fields as typed (for showing them again), and
a refusal turned into a reason per field, so each page shows errors inline the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import msgspec

from portal.problems import Problem

_PAD = re.compile(r"\$\.([a-z_]+(?:\.[a-z_]+|\[\d+\])*)")
_LENGTE = re.compile(r"length <= (\d+)")
_ONTBREEKT = re.compile(r"missing required field `([a-z_]+)`")


def invoer(form: Any, zonder: Iterable[str] = ()) -> dict[str, str]:
    """The form's fields, trimmed, without the CSRF token (and without `zonder`)."""
    weg = {"_csrf", *zonder}
    return {k: str(v).strip() for k, v in form.items() if k not in weg}


def veldfouten(exc: msgspec.ValidationError | Problem, standaard: str) -> dict[str, str]:
    """{field: reason}; a reason that names no field goes on `standaard`."""
    if isinstance(exc, Problem):
        fouten = {e.field.replace(".", "_"): e.message for e in exc.errors or []}
        return fouten or {standaard: exc.detail or "Deze invoer klopt niet."}
    tekst = str(exc)
    if ontbreekt := _ONTBREEKT.search(tekst):
        return {ontbreekt.group(1): "Vul dit veld in."}
    pad = _PAD.search(tekst)
    veld = re.sub(r"\[(\d+)\]", r".\1", pad.group(1)).replace(".", "_") if pad else standaard
    leeg = "required" in tekst.lower() or "`null`" in tekst or "None" in tekst
    if lengte := _LENGTE.search(tekst):
        return {veld: f"Ten hoogste {lengte.group(1)} tekens."}
    return {veld: "Vul dit veld in." if leeg else "Deze waarde klopt niet."}
