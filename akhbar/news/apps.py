from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "akhbar.news"
    label = "news"
    verbose_name = "الأخبار"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import pre_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

        from akhbar.news.models import ArticlePage, HomePage, SectionPage
        from akhbar.news.signals import (
            on_page_deleting,
            on_page_moved,
            on_page_moving,
            on_page_published,
            on_page_unpublished,
        )

        page_published.connect(on_page_published, dispatch_uid="akhbar-news-published")
        page_unpublished.connect(on_page_unpublished, dispatch_uid="akhbar-news-unpublished")
        pre_page_move.connect(on_page_moving, dispatch_uid="akhbar-news-moving")
        post_page_move.connect(on_page_moved, dispatch_uid="akhbar-news-moved")
        for model in (ArticlePage, SectionPage, HomePage):
            pre_delete.connect(
                on_page_deleting, sender=model, dispatch_uid=f"akhbar-news-deleting-{model.__name__}"
            )
