from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "akhbar.caching"
    label = "caching"
    verbose_name = "التخزين المؤقت"
    default_auto_field = "django.db.models.BigAutoField"
