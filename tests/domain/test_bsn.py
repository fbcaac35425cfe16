"""BSN elfproef: known numbers, and properties over all numbers hypothesis can think of."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain import bsn

valid_bsns = st.integers(min_value=0, max_value=2**32).map(
    lambda seed: bsn.generate(random.Random(seed))
)


@pytest.mark.parametrize("value", ["111222333", "123456782", "999999990", "12345672"])
def test_known_valid(value: str) -> None:
    assert bsn.is_valid(value)
    assert bsn.reason_invalid(value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("123456789", "elfproef"),
        ("000000000", "elfproef"),  # sum 0 is a multiple of 11 but no number
        ("12345678a", "9 cijfers"),
        ("1234567", "9 cijfers"),
        ("1234567890", "9 cijfers"),
        ("", "9 cijfers"),
        ("١٢٣٤٥٦٧٨٢", "9 cijfers"),  # Arabic-Indic digits are digits, but not ours
    ],
)
def test_known_invalid(value: str, reason: str) -> None:
    assert not bsn.is_valid(value)
    assert reason in (bsn.reason_invalid(value) or "")


@given(valid_bsns)
def test_generated_numbers_pass(number: str) -> None:
    assert len(number) == 9
    assert bsn.is_valid(number)


@given(valid_bsns, st.integers(0, 8), st.integers(1, 9))
def test_every_single_digit_error_is_caught(number: str, position: int, delta: int) -> None:
    digits = list(number)
    digits[position] = str((int(digits[position]) + delta) % 10)
    assert not bsn.is_valid("".join(digits))


@given(valid_bsns, st.integers(0, 7))
def test_every_adjacent_swap_of_different_digits_is_caught(number: str, position: int) -> None:
    digits = list(number)
    if digits[position] == digits[position + 1]:
        return
    digits[position], digits[position + 1] = digits[position + 1], digits[position]
    assert not bsn.is_valid("".join(digits))
