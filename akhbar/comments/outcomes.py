"""What a reader is told after posting or reporting (one definition for the page, the JSON and JS)."""

from django.utils.translation import gettext_lazy

OUTCOMES = {
    "published": ("success", gettext_lazy("تم نشر تعليقك. شكرًا لمشاركتك.")),
    "held": ("info", gettext_lazy("وصل تعليقك وهو بانتظار مراجعة المشرفين قبل نشره.")),
    "rejected": ("warning", gettext_lazy("لم يُنشر تعليقك لأنه يخالف شروط النشر.")),
    "reported": ("info", gettext_lazy("شكرًا، وصل بلاغك إلى المشرفين.")),
}
