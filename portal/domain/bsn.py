"""Burgerservicenummer: the elfproef, and valid numbers for synthetic data.

A BSN has 9 digits (an 8-digit one is written with a leading zero). The elfproef weighs the digits
9, 8, …, 2 and the last one -1; the sum must be a multiple of 11 (and not 0). It catches every
single-digit error and every swap of two adjacent different digits.
"""

from __future__ import annotations

import random

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def _checksum(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True))


def normalize(value: str) -> str | None:
    """The 9-digit form of a BSN as written (8 digits get a leading zero), or None if not digits."""
    text = value.strip()
    if len(text) == 8:
        text = "0" + text
    if len(text) != 9 or not text.isascii() or not text.isdigit():
        return None
    return text


def is_valid(value: str) -> bool:
    digits = normalize(value)
    if digits is None:
        return False
    total = _checksum(digits)
    return total != 0 and total % 11 == 0


def reason_invalid(value: str) -> str | None:
    """None when valid; otherwise why, in Dutch, for an import report or a 422."""
    digits = normalize(value)
    if digits is None:
        return "BSN moet uit 9 cijfers bestaan"
    if not is_valid(digits):
        return "BSN voldoet niet aan de elfproef"
    return None


def generate(rng: random.Random) -> str:
    """A random valid BSN (first digit 1–6, like issued numbers; for synthetic data only)."""
    while True:
        head = str(rng.randint(1, 6)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        partial = sum(int(d) * w for d, w in zip(head, _WEIGHTS[:8], strict=True))
        last = partial % 11  # partial - last ≡ 0 (mod 11)
        if last <= 9:
            return head + str(last)
