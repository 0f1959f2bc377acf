from django.urls import path, register_converter

from akhbar.distribution import views


class UnicodeSlug:
    """A slug as Wagtail and taggit write them (Arabic letters allowed); anything else is not a feed URL."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlug, "uslug")

app_name = "distribution"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-articles.xml", views.sitemap_articles, name="sitemap-articles"),
    path("sitemap-news.xml", views.sitemap_news, name="sitemap-news"),
    path("sitemap-pages.xml", views.sitemap_pages, name="sitemap-pages"),
    path("feed/", views.site_feed, name="feed"),
    path("rss/", views.site_feed, name="rss"),
    path("feed/network/", views.network_feed, name="feed-network"),
    path("feed/section/<uslug:slug>/", views.section_feed, name="feed-section"),
    path("feed/author/<uslug:slug>/", views.author_feed, name="feed-author"),
    path("feed/tag/<uslug:slug>/", views.tag_feed, name="feed-tag"),
]
