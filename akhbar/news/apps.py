from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "akhbar.news"
    label = "news"
    verbose_name = "الأخبار"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_delete
        from wagtail.images import get_image_model
        from wagtail.models import Site
        from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

        from akhbar.network.models import NetworkSettings, SiteProfile
        from akhbar.news.fragments import forget_fragments
        from akhbar.news.models import ArticlePage, Author, HomePage, SectionPage
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
        # What the rendered fragments show besides pages (akhbar.news.fragments).
        for model in (Site, SiteProfile, NetworkSettings, Author, get_image_model()):
            for signal, when in ((post_save, "save"), (post_delete, "del")):
                signal.connect(
                    forget_fragments, sender=model, dispatch_uid=f"akhbar-fragments-{when}-{model.__name__}"
                )
