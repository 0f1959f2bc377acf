"""Factories for moderation tests."""

from __future__ import annotations

from akhbar.moderation.lexicon import Lexicon, parse_term


def make_lexicon(*entries: tuple[str, str, str]) -> Lexicon:
    """A lexicon from (term, category, action) triples, in the list notation (a trailing '=' = exact)."""
    return Lexicon([parse_term(term, category, action) for term, category, action in entries])


def make_term(term: str = "بطيخ", category: str = "insult_person", action: str = "banned", **fields):
    """A saved ModerationTerm (needs the database)."""
    from akhbar.moderation.models import ModerationTerm

    return ModerationTerm.objects.create(term=term, category=category, action=action, **fields)
