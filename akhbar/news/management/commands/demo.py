"""`akhbar demo`: build the demo network on an empty database (or just re-sync its ports)."""

import sys

from django.core.management.base import BaseCommand

from akhbar.live.demo import replay_demo_views
from akhbar.news.demo import build_demo_network, make_editor, sync_ports
from akhbar.news.models import HomePage


class Command(BaseCommand):
    help = "Build the three-site demo network with real articles (only when no site home exists yet)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="the port the demo will be served on")
        parser.add_argument("--limit", type=int, default=None, help="import at most this many articles")
        parser.add_argument("--no-editor", action="store_true", help="do not create the demo editor account")

    def handle(self, *args, port: int, limit: int | None, no_editor: bool, **options):
        if HomePage.objects.exists():
            sync_ports(port)
            self.stdout.write(f"The demo network already exists; site ports set to {port}.")
            self._replay_views()
            return
        interactive = sys.stdout.isatty()

        def progress(done: int, total: int) -> None:
            if interactive and (done % 10 == 0 or done == total):
                self.stdout.write(f"\r  articles {done}/{total}", ending="")
                self.stdout.flush()

        result = build_demo_network(port=port, limit=limit, progress=progress)
        if interactive:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo network built: {result['sites']} sites, {result['articles']} articles, "
                f"{result['picks']} editors' picks."
            )
        )
        self._replay_views()
        self.stdout.write(
            "Each site's logo and share image are drawn by the program (an emblem and the site's name in "
            "its accent colour, Noto Kufi Arabic); replace them under Settings › Site profile."
        )
        if not no_editor:
            password = make_editor()
            if password:
                self.stdout.write(
                    self.style.WARNING(
                        "Demo editor account (shown once, keep it):\n"
                        f"  user: editor\n  password: {password}\n"
                        "  change it with: akhbar changepassword editor"
                    )
                )

    def _replay_views(self) -> None:
        sent = replay_demo_views()
        if sent:
            self.stdout.write(f"Demo traffic: {sent} simulated reader views replayed for «الأكثر قراءة».")
