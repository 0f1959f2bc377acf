"""akhbar reindex: rebuild the search index (and, unless told not to, the related stories)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from akhbar.search.indexing import reindex_all
from akhbar.search.models import SearchEntry
from akhbar.search.progress import ProgressBar
from akhbar.search.related import update_related


class Command(BaseCommand):
    help = "يعيد بناء فهرس البحث من كل المقالات المنشورة، ثم يحسب القصص ذات الصلة."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-related", action="store_true", help="لا تحسب القصص ذات الصلة.")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, no_related: bool = False, batch_size: int = 500, **options) -> None:
        bar = ProgressBar(None, _("فهرسة"), stream=self.stderr._out)
        done = reindex_all(batch_size=batch_size, progress=bar.update)
        bar.finish(done)
        if not no_related:
            ids = list(SearchEntry.objects.order_by("page_id").values_list("page_id", flat=True))
            bar = ProgressBar(len(ids), _("قصص ذات صلة"), stream=self.stderr._out)
            for n, page_id in enumerate(ids, 1):
                update_related(page_id)
                bar.update(n)
            bar.finish(len(ids))
        self.stdout.write(self.style.SUCCESS(_("فُهرس %(count)s مقالًا.") % {"count": done}))
