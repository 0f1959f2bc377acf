from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "akhbar.distribution"
    label = "distribution"
    verbose_name = "التوزيع"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from akhbar.distribution.cache import bump_version

        def changed(sender, **kwargs) -> None:
            bump_version()

        page_published.connect(changed, dispatch_uid="akhbar-distribution-published", weak=False)
        page_unpublished.connect(changed, dispatch_uid="akhbar-distribution-unpublished", weak=False)
        post_page_move.connect(changed, dispatch_uid="akhbar-distribution-moved", weak=False)
        post_delete.connect(_deleted, dispatch_uid="akhbar-distribution-deleted", weak=False)


def _deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    from akhbar.distribution.cache import bump_version

    if isinstance(instance, Page) and instance.live:
        bump_version()
