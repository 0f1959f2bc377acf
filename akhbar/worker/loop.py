"""One loop for everything that runs outside a request: queued tasks and scheduled publishing.

Each tick runs Wagtail's `publish_scheduled` when it is due (pages whose go-live time has come go live,
expired pages go offline), then every task that is ready in django-tasks' database queue. SIGTERM or
SIGINT stop the loop after the task in hand; a second signal stops at once. A database that is down
makes the loop log (at most once a minute) and retry, never exit.
"""

from __future__ import annotations

import io
import logging
import signal
import sys
import time
from types import FrameType

from django.core.management import call_command
from django.db import DatabaseError, close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("akhbar.worker")
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
WARN_EVERY = 60.0


class BackgroundWorker:
    def __init__(
        self,
        *,
        scheduler_interval: float | None,
        poll_interval: float = 1.0,
        backend_name: str = "default",
        queue_names: tuple[str, ...] = ("*",),
    ) -> None:
        self.scheduler_interval = scheduler_interval
        self.poll_interval = poll_interval
        self.stopping = False
        self._next_publish = 0.0
        self._last_warning = -WARN_EVERY
        self.tasks = Worker(
            queue_names=list(queue_names),
            interval=0,
            batch=True,
            backend_name=backend_name,
            startup_delay=False,
            max_tasks=None,
            worker_id=f"akhbar-{get_random_string(16)}",
            excluded_queue_names=[],
        )

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        """Finish the task in hand, then leave; asked twice, leave now."""
        if self.stopping:
            logger.warning("Second stop signal: leaving now.")
            sys.exit(1)
        self.stopping = True
        self.tasks.running = False
        logger.info("Stopping after the current task.")

    def publish_due(self) -> str:
        """Publish pages whose time has come and unpublish expired ones; returns Wagtail's report."""
        out = io.StringIO()
        call_command("publish_scheduled", stdout=out)
        return out.getvalue().strip()

    def tick(self, *, force_publish: bool = False) -> int:
        """Scheduled publishing when due (or forced; never when scheduler_interval is None), then
        every ready task; returns the number of tasks run."""
        now = time.monotonic()
        if self.scheduler_interval is not None and (force_publish or now >= self._next_publish):
            report = self.publish_due()
            if report:
                logger.info("%s", report)
            self._next_publish = now + self.scheduler_interval
        before = self.tasks._run_tasks
        if not self.stopping:
            self.tasks.running = True
            self.tasks.run()
        return self.tasks._run_tasks - before

    def run(self) -> None:
        """Tick until stopped by a signal."""
        previous = {sig: signal.signal(sig, self.stop) for sig in STOP_SIGNALS}
        schedule = f"every {self.scheduler_interval:g} s" if self.scheduler_interval is not None else "off"
        logger.info("Worker started: tasks from the database queue; scheduled publishing %s.", schedule)
        try:
            while not self.stopping:
                try:
                    self.tick()
                except DatabaseError as error:
                    self._warn(error)
                    close_old_connections()
                self._sleep(self.poll_interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        logger.info("Worker stopped.")

    def _warn(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._last_warning >= WARN_EVERY:
            self._last_warning = now
            logger.warning("Database unavailable, retrying: %s", error)

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
