"""akhbar breaking: set, list or end breaking-news lines from the command line."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from akhbar.live.models import DEFAULT_MINUTES, BreakingNews


class Command(BaseCommand):
    help = "Set a breaking-news line for one site or the whole network, list the lines in force, or end them."

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?", help="the line readers see (Arabic)")
        parser.add_argument("--url", default="", help="where the line links: /path or https://…")
        parser.add_argument("--site", help="host name of one site (default: the whole network)")
        parser.add_argument("--minutes", type=int, default=DEFAULT_MINUTES, help="how long it shows")
        parser.add_argument("--list", action="store_true", help="list the lines in force")
        parser.add_argument("--end", nargs="?", const="all", help="end one line by id, or all of them")

    def handle(self, *args, text=None, url="", site=None, minutes=DEFAULT_MINUTES, **options):
        now = timezone.now()
        if options["list"]:
            for line in BreakingNews.objects.active(now).select_related("site"):
                where = line.site.hostname if line.site else _("كل الشبكة")
                self.stdout.write(f"{line.pk}\t{where}\t{line.expires_at:%Y-%m-%d %H:%M}Z\t{line.text}")
            return
        if options["end"]:
            lines = BreakingNews.objects.active(now)
            if options["end"] != "all":
                if not options["end"].isdigit():
                    raise CommandError(
                        _("اكتب بعد --end رقم الخبر (انظر --list)، أو لا شيء لإنهاء كل الأخبار.")
                    )
                lines = lines.filter(pk=int(options["end"]))
            ended = 0
            for line in lines:  # save() per line, so the masthead caches are told
                line.expires_at = now
                line.save(update_fields=["expires_at"])
                ended += 1
            self.stdout.write(_("أُنهي ظهور %(count)s من الأخبار العاجلة.") % {"count": ended})
            return
        if not text or not text.strip():
            raise CommandError(_("اكتب نص الخبر العاجل، أو استعمل --list أو --end."))
        if minutes <= 0:
            raise CommandError(_("يجب أن تكون مدة الظهور (--minutes) أكبر من صفر."))
        target = None
        if site:
            target = Site.objects.filter(hostname=site).first()
            if target is None:
                raise CommandError(_("لا موقع باسم النطاق %(host)s.") % {"host": site})
        line = BreakingNews(
            text=text, url=url, site=target, starts_at=now, expires_at=now + timedelta(minutes=minutes)
        )
        try:
            line.full_clean()
        except ValidationError as error:
            raise CommandError("; ".join(m for ms in error.message_dict.values() for m in ms)) from error
        line.save()
        self.stdout.write(
            _("الخبر العاجل %(id)s يظهر حتى %(until)s بتوقيت غرينتش.")
            % {"id": line.pk, "until": f"{line.expires_at:%Y-%m-%d %H:%M}"}
        )
