"""Which pages a site shows, as ranges of the page tree's `path` (an indexed column), and their URLs.

Wagtail's `descendant_of` filters with `path LIKE 'prefix%'`, which SQLite cannot answer from an index;
a range `prefix < path < next(prefix)` is the same set, read from the index on both databases.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils.encoding import iri_to_uri
from wagtail.models import Page, PageViewRestriction, Site

ALPHABET = Page.alphabet


def next_path(path: str) -> str:
    """The smallest tree path greater than every descendant of `path` (its successor at the same length)."""
    chars = list(path)
    for i in range(len(chars) - 1, -1, -1):
        position = ALPHABET.index(chars[i])
        if position + 1 < len(ALPHABET):
            chars[i] = ALPHABET[position + 1]
            return "".join(chars[: i + 1])
        chars[i] = ALPHABET[0]
    return path + ALPHABET[-1] * 8  # only the tree's last possible node: unreachable in practice


def under(path: str) -> Q:
    """Strict descendants of the page at `path`."""
    return Q(path__gt=path, path__lt=next_path(path))


def public_q() -> Q:
    """Excludes pages under a view restriction (password, login, groups): one query, at call time."""
    q = Q()
    for restricted in PageViewRestriction.objects.values_list("page__path", flat=True):
        q &= ~Q(path__gte=restricted, path__lt=next_path(restricted))
    return q


def site_for_request(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("no site for this host")
    return site


def root_url(site: Site) -> str:
    """Scheme and host of the site as Wagtail writes its absolute URLs, without a trailing slash."""
    return site.root_url.rstrip("/")


class SiteUrls:
    """Absolute URLs of a site's pages from their `url_path`, without loading the pages."""

    def __init__(self, site: Site, root_url_path: str):
        self.base = root_url(site)
        self.cut = len(root_url_path) - 1
        self._parents: dict[str, str] = {}

    def page(self, url_path: str) -> str:
        """Percent-encoded like Wagtail's own page URLs; a section's part is encoded once per section."""
        path = url_path[self.cut :]
        if path.isascii():
            return self.base + path
        split = path.rindex("/", 0, -1) + 1
        parent = self._parents.get(path[:split])
        if parent is None:
            parent = self._parents[path[:split]] = self.base + iri_to_uri(path[:split])
        return parent + iri_to_uri(path[split:])

    def absolute(self, url: str) -> str:
        """A media or static URL (already percent-encoded) made absolute on this site if it is not."""
        return url if "://" in url else self.base + url
