"""Reading settings from the environment: booleans, lists, rates, origins (used by every settings module)."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_rate(name: str) -> tuple[int, int] | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    count, _sep, seconds = value.partition("/")
    try:
        rate = int(count), int(seconds)
    except ValueError:
        rate = (-1, 0)
    if rate[0] < 0 or rate[1] <= 0:
        raise ImproperlyConfigured(f'{name} must be "count/seconds", for example "6/600"; got {value!r}')
    return rate


def url_origin(url: str) -> str | None:
    """The origin of an absolute URL ("https://cdn.example/static/" -> "https://cdn.example")."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
