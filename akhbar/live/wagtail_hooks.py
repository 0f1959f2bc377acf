from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from akhbar.live.models import BreakingNews


class BreakingNewsViewSet(SnippetViewSet):
    model = BreakingNews
    icon = "warning"
    menu_label = _("الأخبار العاجلة")
    add_to_admin_menu = True
    menu_order = 150
    list_display = ["text", "site", "starts_at", "expires_at"]
    list_filter = ["site"]


register_snippet(BreakingNewsViewSet)
