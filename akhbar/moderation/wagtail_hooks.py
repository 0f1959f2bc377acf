"""Moderators edit their word lists in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ModerationTerm


class ModerationTermViewSet(ModelViewSet):
    model = ModerationTerm
    menu_label = _("كلمات الإشراف")
    icon = "warning"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["term", "category", "action", "active", "updated_at"]
    list_filter = ["category", "action", "active"]
    search_fields = ["term", "note"]
    form_fields = ["term", "category", "action", "note", "active"]


@hooks.register("register_admin_viewset")
def register_moderation_terms() -> ModerationTermViewSet:
    return ModerationTermViewSet("moderation_terms")
