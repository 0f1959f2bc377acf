from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "akhbar.network"
    label = "network"
    verbose_name = "الشبكة"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model
        from wagtail.models import Site

        from akhbar.network.brand import forget_brands
        from akhbar.network.directory import forget_directory
        from akhbar.network.models import SiteProfile

        for model in (Site, SiteProfile):
            post_save.connect(
                forget_directory, sender=model, dispatch_uid=f"akhbar-dir-save-{model.__name__}"
            )
            post_delete.connect(
                forget_directory, sender=model, dispatch_uid=f"akhbar-dir-del-{model.__name__}"
            )
        for model in (SiteProfile, get_image_model()):
            post_save.connect(forget_brands, sender=model, dispatch_uid=f"akhbar-brand-save-{model.__name__}")
            post_delete.connect(
                forget_brands, sender=model, dispatch_uid=f"akhbar-brand-del-{model.__name__}"
            )
