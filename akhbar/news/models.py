"""Wagtail pages of a news site: site home, section and article; authors and tags."""

from __future__ import annotations

from functools import partial

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from akhbar.api.fields import article_api_fields, listing_api_fields
from akhbar.network.directory import request_network_settings, request_site_profile
from akhbar.news import frontpage
from akhbar.news.blocks import ArticleBodyBlock
from akhbar.news.cache import CachedPageMixin
from akhbar.news.frontpage import FrontPageBlock
from akhbar.news.listings import HEADLINE_FIELDS, ArticleManager
from akhbar.news.meta import share_links
from akhbar.news.queries import LISTING_PAGE_SIZE, more_from_network, more_news

TEXT_MAX = 300
PARTS_SECONDS = 600


@register_snippet
class Author(models.Model):
    name = models.CharField(_("الاسم"), max_length=120)
    slug = models.SlugField(_("المعرف في الرابط"), max_length=120, unique=True, allow_unicode=True)
    role = models.CharField(_("الصفة"), max_length=120, blank=True)
    bio = models.TextField(_("نبذة"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("الصورة"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]

    class Meta:
        verbose_name = _("كاتب")
        verbose_name_plural = _("الكتّاب")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


def paginate(request, queryset, per_page: int = LISTING_PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class HomePage(CachedPageMixin, RoutablePageMixin, Page):
    """The home of one site of the network, with author and tag listings under it."""

    intro = models.CharField(_("مقدمة"), max_length=TEXT_MAX, blank=True)
    front_page = StreamField(
        FrontPageBlock(),
        verbose_name=_("تصميم الصفحة الأولى"),
        blank=True,
        help_text=_(
            "رتّب كتل الصفحة الأولى. إن تُرك فارغًا تُبنى الصفحة الأولى تلقائيًا من آخر الأخبار وأقسام الموقع."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("front_page")]
    api_fields = listing_api_fields()
    subpage_types = ["news.SectionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("الصفحة الرئيسية للموقع")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["network_strip"] = more_from_network(ArticlePage.objects, request, self)
        return context

    def route(self, request, path_components):
        from akhbar.news.routing import article_route

        if self.live and path_components and self.resolve_subpage_or_none(path_components) is None:
            found = article_route(self, path_components, request)
            if found is not None:
                return found
        return super().route(request, path_components)

    def resolve_subpage_or_none(self, path_components):
        try:
            return self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return None

    def listing_context(self, request, queryset, **extra):
        context = self.get_context(request)
        context["articles"] = paginate(request, queryset)
        context.update(extra)
        return context

    @path("")
    def home(self, request):
        context = self.listing_context(request, ArticlePage.objects.under(self).cards())
        if context["articles"].number == 1:
            rows = frontpage.build(self, ArticlePage.objects)
            context["front_rows"] = rows if any(row["stories"] for row in rows) else None
        return self.render(request, context_overrides=context)

    @path("author/<str:slug>/", name="author")
    def author(self, request, slug: str):
        author = get_object_or_404(Author, slug=slug)
        queryset = ArticlePage.objects.under(self).cards().filter(authors=author)
        context = self.listing_context(request, queryset, author=author, listing_title=author.name)
        return self.render(request, context_overrides=context, template="news/author_page.html")

    @path("tag/<str:slug>/", name="tag")
    def tag(self, request, slug: str):
        tag = get_object_or_404(Tag, slug=slug)
        queryset = ArticlePage.objects.under(self).cards().filter(tagged_items__tag=tag)
        context = self.listing_context(request, queryset, tag=tag, listing_title=tag.name)
        return self.render(request, context_overrides=context, template="news/tag_page.html")


class SectionPage(CachedPageMixin, Page):
    """A section of a site (sport, economy…); its slug may be Arabic."""

    intro = models.CharField(_("مقدمة"), max_length=TEXT_MAX, blank=True)
    menu_order = models.PositiveSmallIntegerField(_("ترتيب في القائمة"), default=10)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("menu_order")]
    api_fields = listing_api_fields()
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage", "live.LiveCoveragePage"]

    class Meta:
        verbose_name = _("قسم")
        verbose_name_plural = _("الأقسام")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(request, ArticlePage.objects.under(self).cards())
        context["network_strip"] = more_from_network(ArticlePage.objects, request, self.get_parent())
        return context


class ArticlePage(CachedPageMixin, Page):
    """A news story: everything on the reference article page except the comments."""

    NEWS = "news"
    OPINION = "opinion"
    KINDS = [(NEWS, _("خبر")), (OPINION, _("رأي"))]

    objects = ArticleManager()

    kind = models.CharField(
        _("النوع"), max_length=12, choices=KINDS, default=NEWS, db_default=NEWS, db_index=True
    )
    column_name = models.CharField(
        _("اسم الزاوية"),
        max_length=80,
        blank=True,
        default="",
        db_default="",
        help_text=_("لمقالات الرأي: اسم زاوية الكاتب."),
    )
    kicker = models.CharField(_("العنوان التمهيدي"), max_length=80, blank=True)
    summary = models.TextField(_("الملخص"), max_length=600, blank=True)
    dateline_city = models.CharField(_("مدينة الخبر"), max_length=80, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("الصورة الرئيسية"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_caption = models.CharField(_("تعليق الصورة"), max_length=255, blank=True)
    lead_credit = models.CharField(_("مصدر الصورة"), max_length=120, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("المتن"), blank=True)
    authors = ParentalManyToManyField(Author, verbose_name=_("الكتّاب"), blank=True, related_name="articles")
    tags = ClusterTaggableManager(through=ArticleTag, verbose_name=_("الوسوم"), blank=True)
    first_published = models.DateTimeField(_("تاريخ النشر الأول"), null=True, blank=True, db_index=True)
    last_updated = models.DateTimeField(
        _("آخر تحديث"),
        null=True,
        blank=True,
        help_text=_("يُضبط تلقائيًا عند كل إعادة نشر، ويمكن تعديله يدويًا."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("column_name")], heading=_("نوع المقال")),
        FieldPanel("kicker"),
        FieldPanel("summary"),
        FieldPanel("dateline_city"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_caption"), FieldPanel("lead_credit")],
            heading=_("الصورة الرئيسية"),
        ),
        FieldPanel("body"),
        InlinePanel("corrections", label=_("التصحيحات والتحديثات")),
        InlinePanel("sources", label=_("المصادر")),
        InlinePanel("related_picks", label=_("اختيارات المحرر: قد يهمك أيضًا"), max_num=6),
    ]
    promote_panels = Page.promote_panels + [
        FieldPanel("authors"),
        FieldPanel("tags"),
        MultiFieldPanel([FieldPanel("first_published"), FieldPanel("last_updated")], heading=_("التواريخ")),
    ]
    # What search reads, for Wagtail's own index and akhbar's (akhbar.search.indexing.indexed_fields):
    # akhbar_field names the column of akhbar's index; Page's title is the headline. The lead image's
    # caption is not searched (the demo's are generated, and snippets never quote a caption).
    search_fields = Page.search_fields + [
        index.SearchField("kicker", akhbar_field="summary"),
        index.SearchField("summary", akhbar_field="summary"),
        index.SearchField("body", akhbar_field="body"),
    ]
    api_fields = article_api_fields()
    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("مقال")
        verbose_name_plural = _("المقالات")

    @property
    def section(self) -> Page:
        return self.get_parent()

    def get_context(self, request, *args, **kwargs):
        from akhbar.comments.services import thread_version, thread_version_key
        from akhbar.news.fragments import prefetch_versions

        # The two versions this page's fragments are keyed by, in one read of the shared state store.
        prefetch_versions(request, thread_version_key(self.pk))
        context = super().get_context(request, *args, **kwargs)
        # Routed by akhbar.news.routing, the parents are already known; otherwise one query each.
        section = self.get_parent().specific_deferred
        home = section.get_parent().specific_deferred
        site = Site.find_for_request(request)
        if site is not None:
            request_site_profile(request, site)
        request_network_settings(request)
        parts = self.page_parts()
        if not getattr(request, "is_preview", False):  # a preview shows its own, unsaved notes
            self._render_correction_notes = parts["corrections"]
        context.update(
            section=section,
            home=home,
            authors=parts["authors"],
            tags=parts["tags"],
            sources=parts["sources"],
            # The related stories' ids name their fragment; the stories are loaded only to render it.
            related_ids=self.related_ids(parts["picks"], parts["automatic"]),
            related=partial(self.related_stories, picks=parts["picks"], automatic=parts["automatic"]),
            # Called by the template only when the "more news" fragment is not stored (fragment_tags).
            more_news=partial(more_news, ArticlePage.objects, home, exclude_section=section, request=request),
            comments_version=partial(thread_version, self.pk, request),
            network_strip=more_from_network(ArticlePage.objects, request, home),
        )
        url = self.get_full_url(request)
        context["share_links"] = share_links(url, self.title)
        return context

    def page_parts(self) -> dict:
        """Authors, tags, sources, correction notes and the related stories' ids: they change when this article is
        published, so they are cached under its publishing time (an author's or a tag's new name shows
        within PARTS_SECONDS)."""
        from akhbar.search.related import cached_related

        stamp = self.last_published_at.timestamp() if self.last_published_at else 0
        key = f"akhbar:article-parts:v2:{self.pk}:{stamp}"
        parts = cache.get(key)
        if parts is None:
            parts = {
                "authors": list(self.authors.all()),
                "tags": list(self.tags.all()),
                "sources": list(self.sources.all()),
                "corrections": list(self.corrections.all()),
                "picks": list(
                    self.related_picks.order_by("sort_order", "pk").values_list("page_id", flat=True)
                ),
                "automatic": cached_related(self.pk),
            }
            cache.set(key, parts, PARTS_SECONDS)
        return parts

    def related_stories(
        self, limit: int = 6, *, picks: list[int] | None = None, automatic: list[int] | None = None
    ) -> list[ArticlePage]:
        """Editors' picks first, then the automatic ones computed on publish (akhbar.search.related),
        up to ``limit``, live ones only; nothing is computed here, on the reader's request. Given the
        ids (page_parts), one query that loads only what a headline shows."""
        from akhbar.search.related import cached_related

        if picks is None:
            picks = list(self.related_picks.order_by("sort_order", "pk").values_list("page_id", flat=True))
        if automatic is None:
            automatic = cached_related(self.pk)
        wanted = self.related_ids(picks, automatic)
        if not wanted:
            return []
        found = ArticlePage.objects.live().filter(pk__in=wanted).only(*HEADLINE_FIELDS)
        by_pk = {story.pk: story for story in found}
        return [by_pk[pk] for pk in wanted if pk in by_pk][:limit]

    def related_ids(self, picks: list[int], automatic: list[int]) -> list[int]:
        """The candidates for "you may also like", editors' picks first, without repeats or this story."""
        return list(dict.fromkeys(pk for pk in [*picks, *automatic] if pk != self.pk))

    def get_view_restrictions(self):
        """Wagtail's rule (restrictions on this page and its ancestors, an alias standing for its
        source page) in one query: the ancestors' tree paths follow from this page's own path. No
        query when the routing query found that no restriction exists at all (akhbar.news.routing)."""
        from wagtail.models import PageViewRestriction

        if self.__dict__.get("_any_view_restriction") is False:  # routed: none exists anywhere
            return PageViewRestriction.objects.none()
        if self.alias_of_id:
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(Page.steplen, len(self.path) + 1, Page.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()

    @property
    def correction_notes(self):
        """The story's correction and update notes: during a render the list get_context took from
        page_parts (the page, its head and its structured data all show them, with no query), else
        read now."""
        notes = self.__dict__.get("_render_correction_notes")
        return notes if notes is not None else self.corrections.all()

    @property
    def modified_at(self):
        """When the story last changed for readers: its last update or its latest correction note."""
        notes = [c.noted_at for c in self.correction_notes]
        stamps = [d for d in (self.last_updated, self.first_published, *notes) if d]
        return max(stamps) if stamps else None

    def touch_for_publish(self, now=None) -> None:
        now = now or timezone.now()
        if self.first_published is None:
            self.first_published = now
        self.last_updated = now

    def serve(self, request, *args, **kwargs):
        if not self.live:
            raise Http404
        return super().serve(request, *args, **kwargs)


class ArticleSource(Orderable):
    """A source the story cites: an agency, a newspaper, a ministry statement."""

    page = ParentalKey(ArticlePage, related_name="sources", on_delete=models.CASCADE)
    name = models.CharField(_("اسم المصدر"), max_length=160)
    url = models.URLField(_("الرابط"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]


class ArticleRelatedPick(Orderable):
    page_ref = ParentalKey(ArticlePage, related_name="related_picks", on_delete=models.CASCADE)
    page = models.ForeignKey(
        ArticlePage, verbose_name=_("المقال"), on_delete=models.CASCADE, related_name="picked_by"
    )

    panels = [FieldPanel("page")]


from akhbar.news.corrections import ArticleCorrection  # noqa: E402,F401  (a model of this app)
