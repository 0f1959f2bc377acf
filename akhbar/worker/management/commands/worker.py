"""`akhbar worker`: run queued tasks and scheduled publishing until SIGTERM (./run starts one)."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from akhbar.worker.loop import BackgroundWorker


class Command(BaseCommand):
    help = "Run django-tasks jobs from the database queue and publish scheduled pages, until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scheduler-interval",
            type=float,
            default=None,
            help="seconds between scheduled-publishing runs (default: the SCHEDULER_INTERVAL setting)",
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="tasks only: for extra workers beside the one that runs scheduled publishing",
        )
        parser.add_argument(
            "--poll-interval", type=float, default=1.0, help="seconds between looks at the task queue"
        )
        parser.add_argument(
            "--once", action="store_true", help="one pass (scheduled publishing, then ready tasks), then exit"
        )

    def handle(self, *args, scheduler_interval, no_scheduler, poll_interval, once, verbosity, **options):
        log = logging.getLogger("akhbar.worker")
        if verbosity > 0 and not log.handlers:
            handler = logging.StreamHandler(self.stdout)
            handler.setFormatter(logging.Formatter("%(asctime)s worker %(levelname)s %(message)s"))
            log.addHandler(handler)
            log.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG)
            log.propagate = False
        if not isinstance(task_backends["default"], DatabaseBackend):
            log.warning("TASKS does not use the database queue: tasks run inline, this runs scheduling only.")
        if no_scheduler:
            scheduler_interval = None
        elif scheduler_interval is None:
            scheduler_interval = settings.SCHEDULER_INTERVAL
        worker = BackgroundWorker(
            scheduler_interval=scheduler_interval,
            poll_interval=poll_interval,
        )
        if once:
            ran = worker.tick(force_publish=True)
            if verbosity > 0:
                self.stdout.write(f"Ran {ran} task(s).")
            return
        worker.run()
