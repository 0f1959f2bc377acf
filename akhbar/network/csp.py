"""The Content-Security-Policy header: django-csp's middleware with a second policy for the admin.

Reader pages get the static policy of CONTENT_SECURITY_POLICY (or CONTENT_SECURITY_POLICY_REPORT_ONLY
during a rollout): the same header for every reader, so it is cached with the page by the page cache,
Varnish or a CDN, and no nonce is ever used. Paths under AKHBAR_ADMIN_CSP["PREFIXES"] (the Wagtail
admin, whose widgets use inline scripts and styles) get AKHBAR_ADMIN_CSP["DIRECTIVES"] in the same mode.

Those two policies are built once and copied onto each response (django-csp builds the header anew on
every response, about as costly as a page-cache hit); a response that a view decorated with
django-csp's decorators, or a request that used a nonce, goes through django-csp's own path. The
directives are put in name order (django-csp joins them in set order, which differs between processes),
so every worker sends the very same header.
"""

from __future__ import annotations

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What django-csp's decorators leave on a response.
DECORATED = tuple(
    f"_csp_{name}{suffix}" for name in ("exempt", "config", "update", "replace") for suffix in ("", "_ro")
)
SETTING = {False: "CONTENT_SECURITY_POLICY", True: "CONTENT_SECURITY_POLICY_REPORT_ONLY"}
HEADERS = {False: HEADER, True: HEADER_REPORT_ONLY}


class Static:
    """The undecorated responses' headers, built once per settings: by mode and admin-or-not, the
    header ("" for none) and the path prefixes it skips."""

    def __init__(self) -> None:
        admin = getattr(settings, "AKHBAR_ADMIN_CSP", None)
        self.admin_prefixes = tuple(admin["PREFIXES"]) if admin else ()
        self.policies: dict[tuple[bool, bool], str] = {}
        self.excluded: dict[bool, tuple[str, ...]] = {}
        for report_only, name in SETTING.items():
            configured = getattr(settings, name, None) or {}
            self.excluded[report_only] = tuple(configured.get("EXCLUDE_URL_PREFIXES") or ())
            for is_admin in (False, True):
                config = admin["DIRECTIVES"] if configured and admin and is_admin else None
                policy = build_policy(config=config, report_only=report_only)
                self.policies[report_only, is_admin] = in_name_order(policy)


_static: list[Static] = []


def static() -> Static:
    if not _static:
        _static.append(Static())
    return _static[0]


@receiver(setting_changed)
def forget_built_policies(**_kwargs) -> None:
    _static.clear()


def in_name_order(policy: str) -> str:
    return "; ".join(sorted(part.strip() for part in policy.split(";") if part.strip()))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        built = static()
        if parts.config is None and built.policies[report_only, True] != built.policies[report_only, False]:
            if request.path_info.startswith(built.admin_prefixes):
                parts.config = settings.AKHBAR_ADMIN_CSP["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(hasattr(response, a) for a in DECORATED):
            response = super().process_response(request, response)
            for header in HEADERS.values():
                if header in response:
                    response[header] = in_name_order(response[header])
            return response
        if response.status_code in (404, 500) and settings.DEBUG:
            return response  # Django's debug pages use inline scripts and styles (as django-csp does)
        built = static()
        path = request.path_info
        admin = bool(built.admin_prefixes) and path.startswith(built.admin_prefixes)
        for report_only, header in HEADERS.items():
            policy = built.policies[report_only, admin]
            if policy and header not in response and not path.startswith(built.excluded[report_only]):
                response[header] = policy
        # As in django-csp: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
