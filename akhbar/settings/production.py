"""Production: everything from the environment, and refuse to start with development defaults."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_BACKENDS, SECRET_KEY
from .env import env_bool, env_list

if env_bool("DEBUG", False):
    raise ImproperlyConfigured(
        "DEBUG is on, and production refuses it: debug pages show settings, code and data to anyone. "
        "Unset DEBUG (or use akhbar.settings.dev on a development machine)."
    )
DEBUG = False
if not os.environ.get("SECRET_KEY") or SECRET_KEY.startswith("akhbar-insecure") or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("Production needs SECRET_KEY set in the environment (at least 32 characters).")
if os.environ.get("AKHBAR_DEMO_PASSWORD"):
    raise ImproperlyConfigured("AKHBAR_DEMO_PASSWORD is for the demo only; unset it in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs ALLOWED_HOSTS (comma-separated host names).")
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Comment notifications go to a real mail server unless EMAIL_BACKEND says otherwise (base.py).
if not os.environ.get("EMAIL_BACKEND"):
    EMAIL_BACKEND = EMAIL_BACKENDS["smtp"]

# HTTPS (docs/operations.md, "HTTPS"). Every default is the secure one; PLAIN_HTTP=1 turns the HTTPS
# redirect, HSTS and the cookies' Secure flag off together, for trying these settings over plain http
# on one machine (never on a public host). Each variable below still overrides it.
_https = not env_bool("PLAIN_HTTP", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _https)
# Paths answered over plain http too (regular expressions on the path without its leading slash), for
# a load balancer's health check that cannot speak https or send X-Forwarded-Proto.
SECURE_REDIRECT_EXEMPT = env_list("SECURE_REDIRECT_EXEMPT", [])
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if _https else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Asking browsers to preload the domain is a commitment that takes months to undo (every subdomain
# must serve https for good): the operator opts in, and `check --deploy` is not asked to nag until then.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _https)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _https)
# The header with which the TLS-terminating proxy in front (nginx, a load balancer; Varnish itself
# speaks plain http) says a request came over https, as "Header" (value https) or "Header: value";
# empty when nothing terminates TLS in front. The proxy must set or strip it on every request.
_proxy_ssl = os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
if _proxy_ssl:
    _name, _, _value = _proxy_ssl.partition(":")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _name.strip().upper().replace("-", "_"), _value.strip() or "https")
