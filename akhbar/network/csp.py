"""The Content-Security-Policy header: django-csp's middleware with a second policy for the admin.

Reader pages get the static policy of CONTENT_SECURITY_POLICY (or CONTENT_SECURITY_POLICY_REPORT_ONLY
during a rollout): the same header for every reader, so it is cached with the page by the page cache,
Varnish or a CDN, and no nonce is ever used. Paths under AKHBAR_ADMIN_CSP["PREFIXES"] (the Wagtail
admin, whose widgets use inline scripts and styles) get AKHBAR_ADMIN_CSP["DIRECTIVES"] in the same mode.
"""

from __future__ import annotations

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = getattr(settings, "AKHBAR_ADMIN_CSP", None)
        if parts.config is None and admin and request.path_info.startswith(tuple(admin["PREFIXES"])):
            name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
            if getattr(settings, name, None):
                parts.config = admin["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        for header in (HEADER, HEADER_REPORT_ONLY):
            if header in response:
                response[header] = in_name_order(response[header])
        return response


def in_name_order(policy: str) -> str:
    return "; ".join(sorted(part.strip() for part in policy.split(";") if part.strip()))
