"""The search index's rows and the precomputed related stories.

``SearchEntry`` keeps the original text of each indexed page (for snippets) and what the filters need;
the analyzed terms live in a backend table beside it (an FTS5 virtual table on SQLite, a tsvector table
on PostgreSQL; see akhbar.search.backends), keyed by the entry's id and dropped with it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entry", verbose_name=_("الصفحة")
    )
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    section = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.DateTimeField(null=True, blank=True)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = _("مدخل في فهرس البحث")
        verbose_name_plural = _("فهرس البحث")
        indexes = [models.Index(fields=["site", "published"]), models.Index(fields=["published"])]

    def __str__(self) -> str:
        return self.title


class RelatedStories(models.Model):
    """Automatic "you may also like" stories of one article, computed when it is published."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="related_stories_cache"
    )
    page_ids = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("قصص ذات صلة")
        verbose_name_plural = _("قصص ذات صلة")

    def __str__(self) -> str:
        return str(self.page_id)
