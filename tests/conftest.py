import pytest
from django.core.cache import cache, caches


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail's rendition cache (per-process local memory) too: its keys carry the image's id, which a
    # rolled-back test database hands out again, so a rendition of another test's image could be found.
    cache.clear()
    caches["renditions"].clear()
    yield
    cache.clear()
    caches["renditions"].clear()
