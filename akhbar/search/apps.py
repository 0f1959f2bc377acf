from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "akhbar.search"
    label = "search"
    verbose_name = "البحث"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from akhbar.news.models import ArticlePage

        from . import signals

        post_save.connect(signals.on_article_saved, sender=ArticlePage, dispatch_uid="akhbar-search-saved")
        page_published.connect(signals.on_published, dispatch_uid="akhbar-search-published")
        page_unpublished.connect(signals.on_unpublished, dispatch_uid="akhbar-search-unpublished")
        post_page_move.connect(signals.on_moved, dispatch_uid="akhbar-search-moved")
