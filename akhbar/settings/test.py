"""Settings for the test suite: the same code paths, faster password hashing, isolated media."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import TASK_BACKENDS

DEBUG = False
SECRET_KEY = "akhbar-test-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", tempfile.mkdtemp(prefix="akhbar-media-")))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="akhbar-static-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run inline so a test sees their effect at once; tests/worker runs the database queue for real.
TASKS = {"default": {"BACKEND": TASK_BACKENDS["immediate"]}}
# Tests read the shared page cache directly (each test clears it); the per-process copy is tested on its own.
PAGE_CACHE_LOCAL_SECONDS = 0
# The test database is a file, like the embedded default, not SQLite's shared in-memory database: there a
# read that meets another thread's write fails at once ("database table is locked") instead of waiting,
# which production's WAL file never does, so the live-server tests would test the test harness.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="akhbar-test-db-")) / "test.sqlite3")
    }
