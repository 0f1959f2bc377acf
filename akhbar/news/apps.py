from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "akhbar.news"
    label = "news"
    verbose_name = "الأخبار"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished

        from akhbar.news.signals import on_page_published, on_page_unpublished

        page_published.connect(on_page_published, dispatch_uid="akhbar-news-published")
        page_unpublished.connect(on_page_unpublished, dispatch_uid="akhbar-news-unpublished")
