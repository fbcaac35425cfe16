"""A refused form answer becomes one reason on the field it is about."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from portal.problems import FieldError, unprocessable
from portal.web.formulier import invoer, veldfouten


class Voorbeeld(msgspec.Struct):
    naam: str
    datum: date
    aantal: int = 0


def _fout(data: dict[str, object]) -> msgspec.ValidationError:
    with pytest.raises(msgspec.ValidationError) as exc:
        msgspec.convert(data, Voorbeeld, strict=False)
    return exc.value


def test_a_missing_field_is_named() -> None:
    assert veldfouten(_fout({"naam": "x"}), "naam") == {"datum": "Vul dit veld in."}


def test_a_wrong_value_is_named() -> None:
    fout = _fout({"naam": "x", "datum": "gisteren"})
    assert veldfouten(fout, "naam") == {"datum": "Deze waarde klopt niet."}
    fout = _fout({"naam": "x", "datum": "2026-01-01", "aantal": "veel"})
    assert veldfouten(fout, "naam") == {"aantal": "Deze waarde klopt niet."}


def test_a_problem_keeps_its_reasons_and_one_without_fields_lands_on_the_default() -> None:
    probleem = unprocessable([FieldError("melding.periode_van", "ligt in de toekomst")])
    assert veldfouten(probleem, "x") == {"melding_periode_van": "ligt in de toekomst"}
    assert list(veldfouten(unprocessable([]), "bsn")) == ["bsn"]


def test_invoer_drops_the_token_and_trims() -> None:
    assert invoer({"_csrf": "t", "naam": " a ", "rollen": "x"}, zonder=["rollen"]) == {"naam": "a"}
