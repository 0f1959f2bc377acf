"""What the demo network shows of live news, marked as demonstration everywhere it appears:
- demo traffic for «الأكثر قراءة»: simulated readers' beacons replayed through the real counting path
  (the beacon view, its bot filter and per-client limits), so a new demo network shows the block filled;
- a live coverage page built from demo articles."""

from __future__ import annotations

import random

from django.test import RequestFactory
from django.utils import timezone

DEMO_AGENT = "Mozilla/5.0 (X11; Linux x86_64) akhbar-demo-reader"


def replay_demo_views(readers_per_site: int = 400, seed: int = 2026) -> int:
    """Each simulated reader opens a few of the site's latest stories, favouring some (Zipf-like).
    Returns how many beacons were sent; does nothing when the last 24 hours already have views."""
    from akhbar.live.counters import get_counter
    from akhbar.live.views import seen
    from akhbar.network.directory import network_sites
    from akhbar.news.models import ArticlePage

    counter = get_counter()
    sites = network_sites()
    if any(counter.top(site.site_id, 24, 1, timezone.now()) for site in sites):
        return 0
    rng = random.Random(seed)
    factory = RequestFactory()
    sent = 0
    for number, site in enumerate(sites):
        stories = list(
            ArticlePage.objects.live()
            .filter(path__startswith=site.root_path)
            .order_by("-first_published", "-pk")
            .values_list("pk", flat=True)[:40]
        )
        if not stories:
            continue
        weights = [1 / (rank + 1) for rank in range(len(stories))]
        rng.shuffle(weights)
        for reader in range(readers_per_site):
            address = f"10.{number}.{reader // 250}.{reader % 250 + 1}"
            for page_id in set(rng.choices(stories, weights=weights, k=rng.randint(1, 4))):
                request = factory.post(
                    "/live/seen/",
                    str(page_id),
                    content_type="text/plain",
                    REMOTE_ADDR=address,
                    HTTP_USER_AGENT=DEMO_AGENT,
                )
                seen(request)
                sent += 1
    counter.flush()
    return sent


def build_demo_coverage(section, articles, now=None):
    """A live coverage page for the demo, built from demo articles and marked as a demonstration: each
    entry is one article's headline, its lede and a link to it, spread over the last few hours."""
    from datetime import timedelta

    from django.utils.html import escape

    from akhbar.live.coverage import LiveCoveragePage, LiveEntry
    from akhbar.news.lede import lede

    now = now or timezone.now()
    page = LiveCoveragePage(
        title="تغطية مباشرة: يوم في أخبار الشبكة",
        slug="live-demo",
        summary="مستجدات متتابعة من أخبار مواقع الشبكة، تُعرض هنا لحظة بلحظة.",
        coverage_start=now - timedelta(hours=4),
        demonstration=True,
    )
    section.add_child(instance=page)
    stories = list(articles)[:8]
    page.entries.add(
        LiveEntry(
            posted_at=now - timedelta(hours=4),
            heading="عن هذه التغطية",
            text="<p>هذه صفحة توضيحية تعرض كيف يتابع المحررون حدثًا متطورًا: مستجدات قصيرة بتوقيتها، "
            "تظهر للقراء دون إعادة تحميل الصفحة.</p>",
            pinned=True,
        )
    )
    for position, article in enumerate(reversed(stories)):
        page.entries.add(
            LiveEntry(
                posted_at=now - timedelta(minutes=25 * (len(stories) - position) - 3),
                heading=article.title[:120],
                text=f'<p>{escape(lede(article, 240))} <a href="{article.url}">اقرأ الخبر كاملًا</a></p>',
            )
        )
    page.save_revision().publish()
    return page
