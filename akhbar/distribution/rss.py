"""RSS 2.0 with the Media RSS and content modules: the lead image and, per site, the full text."""

from __future__ import annotations

from django.utils.feedgenerator import Rss201rev2Feed

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"


class NewsRssFeed(Rss201rev2Feed):
    """The channel may carry `logo` (the site's logo URL, written as <image>); items may carry `media` (a dict of media:content attributes, plus `credit` and `caption`) and
    `content_encoded` (the article's body as HTML)."""

    content_type = "application/rss+xml; charset=utf-8"

    def rss_attributes(self) -> dict[str, str]:
        attrs = super().rss_attributes()
        attrs.update({"xmlns:media": MEDIA_NS, "xmlns:content": CONTENT_NS, "xmlns:dc": DC_NS})
        return attrs

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        if self.feed.get("logo"):  # the site's logo, linking to the site
            handler.startElement("image", {})
            handler.addQuickElement("url", self.feed["logo"])
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            handler.endElement("image")

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        media = item.get("media")
        if media:
            handler.startElement("media:content", {k: str(v) for k, v in media["attrs"].items()})
            if media.get("caption"):
                handler.addQuickElement("media:description", media["caption"], {"type": "plain"})
            if media.get("credit"):
                handler.addQuickElement("media:credit", media["credit"])
            handler.endElement("media:content")
        if item.get("content_encoded"):
            handler.addQuickElement("content:encoded", item["content_encoded"])
