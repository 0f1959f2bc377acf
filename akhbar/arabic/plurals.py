"""Arabic plural categories (CLDR) and counted nouns for the interface.

CLDR's rule for Arabic: zero (0), one (1), two (2), few (n % 100 in 3..10), many (n % 100 in 11..99),
other (everything else: 100-102, 200, ...). The Arabic phrasing, for a noun like تعليق:
0 -> لا تعليقات, 1 -> تعليق واحد, 2 -> تعليقان, 3 -> 3 تعليقات, 11 -> 11 تعليقًا, 100 -> 100 تعليق.
"""

from __future__ import annotations

from dataclasses import dataclass

from .digits import localize_digits

__all__ = ["PLURAL_CATEGORIES", "Noun", "count_phrase", "plural_category"]

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def plural_category(n: int) -> str:
    """The CLDR Arabic plural category of the integer ``n`` (its absolute value)."""
    n = abs(int(n))
    if n == 0:
        return "zero"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    rest = n % 100
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


@dataclass(frozen=True)
class Noun:
    """The forms of a counted noun: ``one`` and ``two`` are whole phrases written without a number
    (تعليق واحد, تعليقان); ``few`` (3-10), ``many`` (11-99) and ``other`` (100, 101...) follow the number
    (3 تعليقات, 11 تعليقًا, 100 تعليق)."""

    one: str
    two: str
    few: str
    many: str
    other: str


def count_phrase(n: int, noun: Noun, digits: str = "latin", zero: str | None = None) -> str:
    """``n`` of ``noun`` in correct Arabic: 0 -> ``zero`` (default "لا" + the plural), 1 and 2 -> the
    noun's own phrases, otherwise the number (in the site's ``digits``) then the right form."""
    category = plural_category(n)
    if category == "zero":
        return zero if zero is not None else f"لا {noun.few}"
    if category == "one":
        return noun.one
    if category == "two":
        return noun.two
    form = {"few": noun.few, "many": noun.many, "other": noun.other}[category]
    return f"{localize_digits(str(n), digits)} {form}"
