"""The comment moderators' corner of the Wagtail admin: a menu with the queue, the audit log and bans."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import Ban, Comment

admin_urlpatterns = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("history/", admin_views.HistoryView.as_view(), name="history"),
    path("audit/", admin_views.AuditView.as_view(), name="audit"),
]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return admin_views.can_moderate(request.user)


class HeldCountMenuItem(ModeratorMenuItem):
    """The queue's menu entry, with the number of comments waiting."""

    def render_component(self, request):
        waiting = Comment.objects.filter(status=Comment.HELD).count()
        label = f"{self.label} ({waiting})" if waiting else self.label
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


class BanViewSet(ModelViewSet):
    model = Ban
    icon = "cross"
    add_to_admin_menu = False
    list_display = ["value", "kind", "reason", "active", "created_by", "created_at"]
    list_filter = ["kind", "active"]
    search_fields = ["value", "reason"]
    form_fields = ["kind", "value", "reason", "active"]


ban_viewset = BanViewSet("comment_bans")


@hooks.register("register_admin_viewset")
def register_ban_viewset() -> BanViewSet:
    return ban_viewset


@hooks.register("register_admin_urls")
def register_comment_admin_urls():
    return [path("comments/", include((admin_urlpatterns, "comments_admin"), namespace="comments_admin"))]


@hooks.register("register_admin_menu_item")
def register_comments_menu() -> SubmenuMenuItem:
    menu = Menu(
        items=[
            HeldCountMenuItem(
                _("قائمة المراجعة"), reverse("comments_admin:queue"), icon_name="comment", order=1
            ),
            ModeratorMenuItem(
                _("سجل الإشراف"), reverse("comments_admin:audit"), icon_name="history", order=2
            ),
            ModeratorMenuItem(_("المحظورون"), reverse("comment_bans:index"), icon_name="cross", order=3),
        ]
    )
    return SubmenuMenuItem(_("التعليقات"), menu, icon_name="comment", name="comments", order=850)
