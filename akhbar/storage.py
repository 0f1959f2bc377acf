"""Static files: WhiteNoise's hashed, compressed storage, each file's URL worked out once per process.

`{% static %}` asks the storage for a file's URL on every use: a manifest lookup, then parsing and
joining URLs, about 50–100 µs each time, and a reader page uses six or more. The manifest is read when
the storage is made and is not read again while the process lives (new files arrive by collectstatic
and a restart), so the answer for a name cannot change: it is kept, per DEBUG (unhashed names in
development), and forgotten when collectstatic post-processes files in this process.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

MAX_URLS = 2000  # names come from templates; a bound all the same


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        key = (name, settings.DEBUG)
        url = self._urls.get(key)
        if url is None:
            url = super().url(name)
            if len(self._urls) >= MAX_URLS:
                self._urls.clear()
            self._urls[key] = url
        return url

    def post_process(self, *args, **kwargs):
        self._urls.clear()
        yield from super().post_process(*args, **kwargs)
        self._urls.clear()
