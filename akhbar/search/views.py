"""The search page (per site, or the whole network) and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from akhbar.arabic.plurals import Noun, count_phrase
from akhbar.network.models import SiteProfile
from akhbar.network.params import BadParameter, clean_text, parse_date, parse_id, parse_int
from akhbar.network.views import json_methods
from akhbar.news.models import Author, SectionPage

from .backends import Filters
from .query import MAX_QUERY_LENGTH
from .service import MAX_PAGE, PER_PAGE, attach_urls, search, suggest


@dataclass
class SearchRequest:
    q: str
    filters: Filters
    page: int
    site: Site | None
    section: Page | None
    author: Author | None


def _date(value: str, message: str) -> datetime:
    day = parse_date(value, message)
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def _site(value: str) -> Site:
    site = None
    if parse_id(value) is not None:
        site = Site.objects.filter(pk=parse_id(value)).first()
    if site is None:
        site = Site.objects.filter(hostname__iexact=value).first()
    if site is None:
        raise BadParameter(_("لا يوجد موقع بهذا الاسم في الشبكة: %(site)s") % {"site": value})
    return site


def _section(value: str, site: Site | None) -> Page:
    sections = SectionPage.objects.live()
    if site is not None:
        sections = sections.descendant_of(site.root_page)
    section_id = parse_id(value)
    section = sections.filter(pk=section_id).first() if section_id is not None else None
    if section is None:
        section = sections.filter(slug=value).first()
    if section is None:
        raise BadParameter(_("لا يوجد قسم بهذا المعرف: %(section)s") % {"section": value})
    return section


def parse_request(request: HttpRequest, default_site: Site | None) -> SearchRequest:
    """Read and check q, site, section, author, from, to and page; raise BadParameter on a bad one."""
    params = request.GET
    q = clean_text(params.get("q", ""))
    if len(q) > MAX_QUERY_LENGTH:
        raise BadParameter(_("نص البحث أطول من %(n)s حرفًا.") % {"n": MAX_QUERY_LENGTH})
    site = default_site
    if "site" in params:
        value = clean_text(params["site"])
        site = None if value in {"", "all", "network"} else _site(value)
    section_value = clean_text(params.get("section", ""))
    section = _section(section_value, site) if section_value else None
    author = None
    if clean_text(params.get("author", "")):
        value = clean_text(params["author"])
        author = Author.objects.filter(slug=value).first() or (
            Author.objects.filter(pk=parse_id(value)).first() if parse_id(value) is not None else None
        )
        if author is None:
            raise BadParameter(_("لا يوجد كاتب بهذا المعرف: %(author)s") % {"author": value})
    date_from = (
        _date(params["from"], _("تاريخ البداية غير صالح، استعمل الصيغة YYYY-MM-DD."))
        if params.get("from")
        else None
    )
    date_to = (
        _date(params["to"], _("تاريخ النهاية غير صالح، استعمل الصيغة YYYY-MM-DD."))
        if params.get("to")
        else None
    )
    if date_to is not None:
        date_to += timedelta(days=1)  # the whole last day is included
    if date_from and date_to and date_from >= date_to:
        raise BadParameter(_("تاريخ البداية بعد تاريخ النهاية."))
    page = 1
    if params.get("page", "").strip():
        message = _("رقم الصفحة يجب أن يكون عددًا صحيحًا بين 1 و%(max)s.") % {"max": MAX_PAGE}
        page = parse_int(params["page"], message, maximum=MAX_PAGE)
    filters = Filters(
        site_id=site.pk if site else None,
        section_id=section.pk if section else None,
        author_id=author.pk if author else None,
        date_from=date_from,
        date_to=date_to,
    )
    return SearchRequest(q=q, filters=filters, page=page, site=site, section=section, author=author)


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    """/search/?q=: this site's stories by default, the whole network with ?site=all."""
    current_site = Site.find_for_request(request)
    try:
        args = parse_request(request, current_site)
    except BadParameter as error:
        return render(
            request,
            "search/search_page.html",
            {"error": str(error), "q": request.GET.get("q", "")},
            status=400,
        )
    results = search(args.q, args.filters, page=args.page) if args.q else None
    if results is not None:
        attach_urls(results.hits, request)
    base_params = {k: v for k, v in request.GET.items() if k != "page"}
    context = {
        "q": args.q,
        "results": results,
        "scope_network": args.site is None,
        "current_site": current_site,
        "section": args.section,
        "author": args.author,
        "sections": SectionPage.objects.live().child_of(current_site.root_page).order_by("menu_order", "pk")
        if current_site
        else [],
        "params": args,
        "page_query": urlencode(base_params),
    }
    if results is not None and results.total:
        profile = SiteProfile.for_request(request) if current_site else None
        context["total_phrase"] = results_phrase(results.total, getattr(profile, "digits", "latin"))
    return render(request, "search/search_page.html", context)


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


@json_methods("GET")
def api_search(request: HttpRequest) -> JsonResponse:
    """GET /api/search?q=&site=&section=&author=&from=&to=&page= (the whole network unless site is given)."""
    try:
        if not request.GET.get("q", "").strip():
            raise BadParameter(_("المعامل q (نص البحث) مطلوب."))
        args = parse_request(request, None)
    except BadParameter as error:
        return _error(str(error))
    results = search(args.q, args.filters, page=args.page)
    attach_urls(results.hits, request)
    payload = {
        "total": int(results.total),
        "total_estimated": bool(getattr(results.total, "estimated", False)),
        "page": results.page,
        "per_page": PER_PAGE,
        "results": [
            {
                "url": request.build_absolute_uri(hit.url) if hit.url.startswith("/") else hit.url,
                "title": hit.title,
                "snippet": str(hit.snippet),
                "published": hit.published.isoformat() if hit.published else None,
                "section": hit.section,
                "site": hit.site,
                "score": round(hit.score, 6),
            }
            for hit in results.hits
        ],
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


def results_phrase(total: int, digits: str = "latin") -> str:
    """How many results a search found, in correct Arabic plural; "about" when the total is an estimate
    (large indexes count the matches of common words on the newest entries only)."""
    noun = Noun(one=_("نتيجة واحدة"), two=_("نتيجتان"), few=_("نتائج"), many=_("نتيجةً"), other=_("نتيجة"))
    phrase = count_phrase(int(total), noun, digits, zero=_("لا نتائج"))
    if getattr(total, "estimated", False):
        return _("نحو %(count)s") % {"count": phrase}
    return phrase


def suggestions_phrase(n: int, digits: str = "latin") -> str:
    """What a screen reader hears when the search box's suggestions change, in correct Arabic plural."""
    noun = Noun(
        one=_("اقتراح واحد"), two=_("اقتراحان"), few=_("اقتراحات"), many=_("اقتراحًا"), other=_("اقتراح")
    )
    return count_phrase(n, noun, digits, zero=_("لا اقتراحات"))


@json_methods("GET")
def api_suggest(request: HttpRequest) -> JsonResponse:
    """GET /api/search/suggest?q=&site=: headlines whose words start like the last word typed, and
    ``announcement``: how many there are, in Arabic (the site's digits), for the box's live region."""
    try:
        args = parse_request(request, None)
    except BadParameter as error:
        return _error(str(error))
    entries = suggest(args.q, args.filters)
    pages = {
        p.pk: p for p in Page.objects.filter(pk__in=[e.page_id for e in entries]).only("url_path", "path")
    }
    items = [
        {"title": e.title, "url": pages[e.page_id].get_url(request)} for e in entries if e.page_id in pages
    ]
    digits = SiteProfile.for_site(args.site).digits if args.site is not None else "latin"
    payload = {"results": items, "announcement": suggestions_phrase(len(items), digits or "latin")}
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
