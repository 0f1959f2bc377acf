"""PostgreSQL's documents as tsvector literals (akhbar.search.backends.postgres.query), without a server."""

from akhbar.search.analysis import Streams
from akhbar.search.backends.postgres.query import tsvector_literal


def test_light_terms_keep_word_positions_and_extra_terms_are_numbered_apart():
    streams = (Streams(["قطر", "بلد"], ["قطري"]), Streams(["بلد"], []), Streams(["o'k", "a\\b"], ["بلد"]))
    assert tsvector_literal(streams) == ("'قطر':1A 'بلد':2A,4B '~قطري':1A 'o''k':6C 'a\\\\b':7C '~بلد':2C")


def test_positions_stop_at_postgresql_limits():
    body = Streams(["كلمة"] * 20_000 + ["اخيرة"], ["زائد"] * 17_000)
    literal = tsvector_literal((Streams(["عنوان"], []), Streams([], []), body))
    terms = dict(part.split(":") for part in literal.split(" "))
    assert terms["'عنوان'"] == "1A"
    word = terms["'كلمة'"].split(",")
    assert len(word) == 256 and word[:2] == ["4C", "5C"]  # a lexeme keeps 256 positions
    assert terms["'اخيرة'"] == "16383C"  # positions past 16,383 are 16,383
    extra = terms["'~زائد'"].split(",")
    assert len(extra) == 256 and extra[0] == "1C"
