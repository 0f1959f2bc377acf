"""A site home's link to its coverage that is live now."""

from django import template
from django.db.models import Q
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("live/live_now.html", takes_context=True)
def live_now(context, home) -> dict:
    from akhbar.live.coverage import LiveCoveragePage

    now = timezone.now()
    pages = (
        LiveCoveragePage.objects.live()
        .public()
        .descendant_of(home)
        .filter(Q(coverage_end__isnull=True) | Q(coverage_end__gt=now))
        .order_by("-coverage_start")
        .only("title", "url_path", "path", "demonstration")[:2]
    )
    return {"coverages": list(pages), "request": context.get("request")}
