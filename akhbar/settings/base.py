"""Settings shared by every environment; everything deploy-specific comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .csp import csp_policies
from .env import env_bool, env_list, env_rate

BASE_DIR = Path(__file__).resolve().parents[2]
PACKAGE_DIR = Path(__file__).resolve().parents[1]
VAR_DIR = Path(os.environ.get("AKHBAR_VAR_DIR", BASE_DIR / "var"))


SECRET_KEY = os.environ.get("SECRET_KEY", "akhbar-insecure-development-key")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", ".localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "akhbar.network",
    "akhbar.news",
    "akhbar.search",
    "akhbar.comments",
    "akhbar.moderation",
    "akhbar.importers",
    "akhbar.worker",
    "akhbar.live",
    "akhbar.caching",
    "akhbar.distribution",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",  # login throttling (AXES_* below)
    "csp",  # Content-Security-Policy (CONTENT_SECURITY_POLICY below)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page caches, so a stored page and a page-cache hit carry the policy in force.
    "akhbar.network.csp.ContentSecurityPolicyMiddleware",
    "akhbar.news.http_cache.HttpCacheMiddleware",
    "akhbar.news.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "akhbar.network.sites.SiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into its response
]

ROOT_URLCONF = "akhbar.urls"
WSGI_APPLICATION = "akhbar.wsgi.application"
# A refused CSRF check is answered in Arabic, in the site's look, with the reader's text given back.
CSRF_FAILURE_VIEW = "akhbar.network.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "akhbar.network.context_processors.network",
                "akhbar.live.context_processors.masthead",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'akhbar.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a writer commits; IMMEDIATE avoids upgrade deadlocks under concurrency.
    # Connections persist (one per worker thread), so the pragmas run once per connection, not per
    # request (opening a connection and setting them cost about as much as a small page's queries).
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; "
            "PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

# Two cache aliases: "default" holds what can be rebuilt from the database (pages, listings, counts);
# "state" holds what every process must share (rate limits, single-use tokens, duplicate keys, version
# counters), so no flood of page-cache entries can evict it. With Redis, "default" degrades to misses
# when Redis fails (pages come from the database) and "state" raises so comment posting fails closed;
# without Redis, "state" lives in the database (akhbar.caching.SharedState), shared by every worker.
# REDIS_STATE_URL may put the state on its own Redis (e.g. one with maxmemory-policy noeviction).
# See akhbar/caching/backends.py and docs/decisions.md.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_STATE_URL = os.environ.get("REDIS_STATE_URL", "") or REDIS_URL
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "akhbar")
# An unreachable Redis must cost a fraction of a second once, not a 5-second default timeout per call.
REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "akhbar-default"},
    "state": {"BACKEND": "akhbar.caching.backends.DatabaseStateCache", "KEY_PREFIX": CACHE_KEY_PREFIX},
}
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "akhbar.caching.backends.DegradingRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:default",
        "OPTIONS": REDIS_OPTIONS,
    }
# Wagtail's rendition cache: its keys carry the image's file hash and focal point, so a per-process
# copy is never wrong, and Wagtail's habit of writing a rendition back on every view stays off Redis.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "akhbar-renditions",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
if REDIS_STATE_URL:
    CACHES["state"] = {
        "BACKEND": "akhbar.caching.backends.StateRedisCache",
        "LOCATION": REDIS_STATE_URL,
        "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:state",
        "OPTIONS": REDIS_OPTIONS,
    }

# Background tasks (search indexing, related stories) go through a queue in the database that
# `akhbar worker` runs; TASKS_BACKEND=immediate runs them inline (tests, one-off commands).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
# Email (comment notifications, sent by `akhbar worker`): EMAIL_BACKEND is a short name or a dotted path.
# The default prints each email on the console (the demo, ./run); production sets smtp and EMAIL_HOST etc.
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "console")
EMAIL_BACKEND = EMAIL_BACKENDS.get(EMAIL_BACKEND, EMAIL_BACKEND)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A mail server that stops answering holds the worker this long per email, never for ever.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "أخبار <no-reply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "no-reply@localhost")

# How often `akhbar worker` runs Wagtail's publish_scheduled (scheduled and expiring pages), seconds.
SCHEDULER_INTERVAL = float(os.environ.get("SCHEDULER_INTERVAL", "15"))

# Login throttling (django-axes) for the Wagtail admin and every other login: after LOGIN_FAILURE_LIMIT
# wrong passwords an account is locked, and so is the address they came from (each on its own), for
# LOGIN_COOLOFF_MINUTES; the address is read behind proxies by akhbar.network.client_ip.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "akhbar.network.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "akhbar.network.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True

# The client's address behind reverse proxies (akhbar.network.client_ip, docs/operations.md).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
FORWARDED_HEADER = os.environ.get("FORWARDED_HEADER", "X-Forwarded-For")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (styles.3f2a1b.css) served compressed with a ten-year `immutable` lifetime by
    # WhiteNoise; `akhbar collectstatic` (./run does it) writes them and the manifest to STATIC_ROOT.
    # WhiteNoise's CompressedManifestStaticFilesStorage, each URL worked out once per process.
    "staticfiles": {"BACKEND": "akhbar.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Serve uploaded media from Django itself (the embedded default); production puts object storage
# or the web server in front and turns this off.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# Content-Security-Policy: the reader and admin policies (akhbar/settings/csp.py says what and why).
# (django-csp reports any setting named CSP_* as a pre-4.0 setting, hence the other names here.)
READER_CSP_DIRECTIVES, AKHBAR_ADMIN_CSP = csp_policies(STATIC_URL, MEDIA_URL)
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": READER_CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": READER_CSP_DIRECTIVES}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

WAGTAIL_SITE_NAME = "أخبار"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ar", "العربية")]
WAGTAIL_CONTENT_LANGUAGES = [("ar", "العربية")]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp"}
# The admin's page search and the page chooser go through akhbar's Arabic index (same matching as the
# readers' search); images, documents, snippets and users stay on Wagtail's database backend.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "akhbar.search.wagtail_backend"}}
# akhbar's own index (akhbar.search.backends): tunables of the query planners; every option has a
# default (akhbar.search.backends.base.Options), so list only what you change.
AKHBAR_SEARCH: dict = {"OPTIONS": {}}
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to another origin
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor the dashboard's release check (the admin policy refuses it)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
# Seconds each process may answer a page-cache hit from its own memory without asking the shared cache.
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "1"))

# Shared caches (akhbar.news.http_cache): how long Varnish or a CDN may keep anonymous reader pages.
# Browsers revalidate every time (max-age 0, answered 304 through the ETag) unless told otherwise.
HTTP_CACHE_SECONDS = int(os.environ.get("HTTP_CACHE_SECONDS", "300"))
HTTP_CACHE_SEARCH_SECONDS = int(os.environ.get("HTTP_CACHE_SEARCH_SECONDS", "30"))
HTTP_CACHE_ERROR_SECONDS = int(os.environ.get("HTTP_CACHE_ERROR_SECONDS", "10"))
HTTP_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("HTTP_CACHE_STALE_WHILE_REVALIDATE", "30"))
HTTP_CACHE_STALE_IF_ERROR = int(os.environ.get("HTTP_CACHE_STALE_IF_ERROR", "86400"))
HTTP_CACHE_BROWSER_SECONDS = int(os.environ.get("HTTP_CACHE_BROWSER_SECONDS", "0"))

# Purging the front-end cache on publish (wagtail.contrib.frontend_cache; akhbar.news.purge).
# FRONTEND_CACHE_URL: a Varnish (or any HTTP PURGE cache) in front of the app; CLOUDFLARE_ZONEID with
# CLOUDFLARE_BEARER_TOKEN: Cloudflare; CLOUDFRONT_DISTRIBUTION_ID: Amazon CloudFront (boto3 reads the
# AWS credentials from the usual AWS_* variables). Several may be set at once.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "akhbar.news.purge.TimeoutHTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        "TIMEOUT": float(os.environ.get("FRONTEND_CACHE_TIMEOUT", "3")),
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# Extra URLs to purge when a page changes: dotted paths of callables (page) -> iterable of absolute URLs
# (the feeds and sitemaps that show it).
AKHBAR_PURGE_URL_PROVIDERS = ["akhbar.distribution.purge.feed_and_sitemap_urls"]

# The content API (/api/v2/): requests per client and window, and how long caches may keep an answer.
CONTENT_API_RATE_LIMIT = int(os.environ.get("CONTENT_API_RATE_LIMIT", "120"))
CONTENT_API_RATE_WINDOW = int(os.environ.get("CONTENT_API_RATE_WINDOW", "60"))
CONTENT_API_CACHE_SECONDS = int(os.environ.get("CONTENT_API_CACHE_SECONDS", "60"))
WAGTAILAPI_LIMIT_MAX = 50


# Comment posting limits (akhbar/comments/conf.py holds the defaults and what each scope counts):
# COMMENTS_RATE_IP, COMMENTS_RATE_EMAIL, COMMENTS_RATE_QUESTION_IP, COMMENTS_RATE_QUESTION_SITE as
# "count/seconds"; COMMENTS_POW_MAX_NUMBER, the proof of work's search space.
COMMENTS_RATE_LIMITS = {
    scope: rate
    for scope in ("ip", "email", "question_ip", "question_site")
    if (rate := env_rate(f"COMMENTS_RATE_{scope.upper()}")) is not None
}
if os.environ.get("COMMENTS_POW_MAX_NUMBER"):
    COMMENTS_POW_MAX_NUMBER = int(os.environ["COMMENTS_POW_MAX_NUMBER"])
