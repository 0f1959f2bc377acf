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
