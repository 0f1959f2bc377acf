"""Production: everything from the environment, and refuse to start with development defaults."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_BACKENDS, SECRET_KEY, env_bool, env_list

DEBUG = env_bool("DEBUG", False)
if not os.environ.get("SECRET_KEY") or SECRET_KEY.startswith("akhbar-insecure") or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("Production needs SECRET_KEY set in the environment (at least 32 characters).")
if os.environ.get("AKHBAR_DEMO_PASSWORD"):
    raise ImproperlyConfigured("AKHBAR_DEMO_PASSWORD is for the demo only; unset it in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs ALLOWED_HOSTS (comma-separated host names).")
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# Comment notifications go to a real mail server unless EMAIL_BACKEND says otherwise (base.py).
if not os.environ.get("EMAIL_BACKEND"):
    EMAIL_BACKEND = EMAIL_BACKENDS["smtp"]
