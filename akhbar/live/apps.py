from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "akhbar.live"
    label = "live"
    verbose_name = "الأخبار العاجلة"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from akhbar.live.breaking import forget_breaking
        from akhbar.live.models import BreakingNews

        post_save.connect(forget_breaking, sender=BreakingNews, dispatch_uid="akhbar-live-breaking-saved")
        post_delete.connect(forget_breaking, sender=BreakingNews, dispatch_uid="akhbar-live-breaking-deleted")
