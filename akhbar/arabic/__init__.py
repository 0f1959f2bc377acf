"""akhbar.arabic: the pure-Python Arabic language core (no Django import anywhere in this package).

Text analysis (normalization, tokenization with offsets, light stemming, stopwords, analyzer chains),
slugs, digits, plural categories and counted nouns, and dates in each site's convention.
Every text function is total on any ``str``; date functions raise TypeError/ValueError only for
wrong argument types or unknown convention, digit-style or time-zone names.
"""

from .analyzer import INDEX_ANALYZER, QUERY_ANALYZER, Analyzer, Term, analyze, index_terms, query_terms
from .dates import (
    MONTH_CONVENTIONS,
    DateStyle,
    format_date,
    format_datetime,
    format_hijri,
    format_relative,
    format_time,
    month_name,
    weekday_name,
)
from .digits import localize_digits, to_arabic_indic, to_latin
from .normalize import (
    clean_display_text,
    fold_digits,
    fold_letters,
    nfkc_presentation,
    normalize_for_search,
    strip_controls,
    strip_harakat,
    strip_tatweel,
)
from .plurals import Noun, count_phrase, plural_category
from .slugs import slugify_arabic
from .stem import light_stem
from .stopwords import STOPWORDS
from .tokenize import Token, tokenize

__all__ = [
    "INDEX_ANALYZER",
    "MONTH_CONVENTIONS",
    "QUERY_ANALYZER",
    "STOPWORDS",
    "Analyzer",
    "DateStyle",
    "Noun",
    "Term",
    "Token",
    "analyze",
    "clean_display_text",
    "count_phrase",
    "fold_digits",
    "fold_letters",
    "format_date",
    "format_datetime",
    "format_hijri",
    "format_relative",
    "format_time",
    "index_terms",
    "light_stem",
    "localize_digits",
    "month_name",
    "nfkc_presentation",
    "normalize_for_search",
    "plural_category",
    "query_terms",
    "slugify_arabic",
    "strip_controls",
    "strip_harakat",
    "strip_tatweel",
    "to_arabic_indic",
    "to_latin",
    "tokenize",
    "weekday_name",
]
