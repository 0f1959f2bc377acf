from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "akhbar.moderation"
    label = "moderation"
    verbose_name = _("الإشراف على التعليقات")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from akhbar.moderation.models import ModerationTerm
        from akhbar.moderation.store import forget_lexicon

        post_save.connect(forget_lexicon, sender=ModerationTerm, dispatch_uid="akhbar-moderation-term-save")
        post_delete.connect(forget_lexicon, sender=ModerationTerm, dispatch_uid="akhbar-moderation-term-del")
