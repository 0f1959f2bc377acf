"""gunicorn settings for akhbar (`gunicorn -c python:akhbar.gunicorn_config akhbar.wsgi`), from the environment.

WEB_CONCURRENCY  worker processes (default: 2 × CPU cores + 1, at most 8)
GUNICORN_THREADS threads per worker (default 4; keep-alive connections from a proxy or CDN stay open)
HOST, PORT       where to listen (default 127.0.0.1:8000); GUNICORN_BIND overrides both
GUNICORN_ACCESS_LOG  "-" for an access log on stdout (default: none)
FORWARDED_ALLOW_IPS  proxies trusted for X-Forwarded-* (default 127.0.0.1)
"""

import os

_cores = os.cpu_count() or 1
bind = (
    os.environ.get("GUNICORN_BIND")
    or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * _cores + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# Recycle workers now and then so slow leaks cannot grow without bound; jitter keeps them apart.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "akhbar"
