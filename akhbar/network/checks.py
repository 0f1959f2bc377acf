"""System checks for the trusted-proxy settings, so a mistyped TRUSTED_PROXIES stops `akhbar check`
(and every management command) instead of failing on the first request."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_trusted_proxies(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    for entry in getattr(settings, "TRUSTED_PROXIES", ()) or ():
        try:
            ipaddress.ip_network(str(entry).strip(), strict=False)
        except ValueError:
            errors.append(
                Error(f"TRUSTED_PROXIES: {entry!r} is not an address or network", id="akhbar.network.E001")
            )
    header = str(getattr(settings, "FORWARDED_HEADER", "X-Forwarded-For")).strip().lower()
    if header not in {"x-forwarded-for", "forwarded"}:
        errors.append(
            Error(
                f"FORWARDED_HEADER must be X-Forwarded-For or Forwarded, not {header!r}",
                id="akhbar.network.E002",
            )
        )
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not isinstance(count, int) or count < 0:
        errors.append(Error("TRUSTED_PROXY_COUNT must be a whole number ≥ 0", id="akhbar.network.E003"))
    return errors
