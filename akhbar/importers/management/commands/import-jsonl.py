"""akhbar import-jsonl FILE [--site HOST] [--section-from-category] [--month-first] [--timezone ZONE] [--related]"""

from __future__ import annotations

import sys
import time
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from akhbar.importers.jsonl import ANALYSIS_WORKERS, DateOptions, import_jsonl, open_lines
from akhbar.search.progress import ProgressBar
from akhbar.search.related import update_related


class Command(BaseCommand):
    help = "يستورد المقالات من ملف JSON Lines (مضغوط أو لا): سطر لكل مقال، والمعرف نفسه يحدّث ولا يكرّر."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="ملف .jsonl أو .jsonl.gz، أو - للقراءة من المدخل القياسي")
        parser.add_argument(
            "--site", help="اسم المضيف للموقع الذي تُستورد إليه المقالات (الافتراضي: الموقع الافتراضي)"
        )
        parser.add_argument(
            "--section-from-category", action="store_true", help="ضع كل مقال في قسم يطابق حقل category"
        )
        parser.add_argument("--related", action="store_true", help="احسب القصص ذات الصلة للمقالات المستوردة")
        parser.add_argument(
            "--month-first",
            action="store_true",
            help="اقرأ التواريخ الرقمية مثل 05/17/2015 شهرًا أولًا (الافتراضي: اليوم أولًا كما في 17/05/2015)",
        )
        parser.add_argument(
            "--timezone",
            default="UTC",
            help="المنطقة الزمنية للأوقات المكتوبة بلا منطقة، مثل Africa/Tunis (الافتراضي: UTC)",
        )
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--analysis-workers",
            type=int,
            default=ANALYSIS_WORKERS,
            help="عدد العمليات التي تحلل نصوص الدفعة التالية للفهرس أثناء كتابة الدفعة الحالية (0: بلا عمليات)",
        )

    def handle(
        self,
        *args,
        file: str,
        site: str | None = None,
        section_from_category: bool = False,
        related: bool = False,
        batch_size: int = 500,
        month_first: bool = False,
        timezone: str = "UTC",
        analysis_workers: int = ANALYSIS_WORKERS,
        **options,
    ) -> None:
        try:
            zone = ZoneInfo(timezone)
        except Exception:  # ZoneInfoNotFoundError, or a malformed key
            raise CommandError(_("منطقة زمنية غير معروفة: %(zone)s") % {"zone": timezone}) from None
        if batch_size < 1:
            raise CommandError(_("حجم الدفعة يجب أن يكون 1 على الأقل"))
        if analysis_workers < 0:
            raise CommandError(_("عدد عمليات التحليل لا يكون سالبًا"))
        target = (
            Site.objects.filter(hostname__iexact=site).first()
            if site
            else Site.objects.filter(is_default_site=True).first()
        )
        if target is None:
            raise CommandError(
                _("لا يوجد موقع باسم المضيف %(site)s") % {"site": site}
                if site
                else _("لا يوجد موقع افتراضي؛ استعمل --site")
            )
        total = None
        if file != "-":
            try:
                with open_lines(file) as handle:
                    total = sum(1 for _ in handle)
            except OSError as error:
                raise CommandError(_("تعذّر فتح الملف: %(error)s") % {"error": error}) from None
        bar = ProgressBar(total, _("استيراد"), stream=self.stderr._out)
        started = time.perf_counter()
        source = sys.stdin if file == "-" else file
        report = import_jsonl(
            source,
            target,
            section_from_category=section_from_category,
            batch_size=batch_size,
            dates=DateOptions(day_first=not month_first, tz=zone),
            progress=bar.update,
            analysis_workers=analysis_workers,
        )
        bar.finish(report.processed)
        elapsed = time.perf_counter() - started
        for number, reason in report.errors:
            self.stderr.write(_("السطر %(number)s: %(reason)s (تُخطّي)") % {"number": number, "reason": reason})
        if related:
            bar = ProgressBar(len(report.page_ids), _("قصص ذات صلة"), stream=self.stderr._out)
            for n, page_id in enumerate(report.page_ids, 1):
                update_related(page_id)
                bar.update(n)
            bar.finish(len(report.page_ids))
        rate = report.processed / elapsed if elapsed else 0
        self.stdout.write(
            _(
                "أُضيف %(created)s وحُدّث %(updated)s ولم يتغيّر %(unchanged)s وتُخطّي %(skipped)s سطرًا "
                "في %(seconds).1f ث (%(rate).0f مقال/ث)."
            )
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "skipped": len(report.errors),
                "seconds": elapsed,
                "rate": rate,
            }
        )
