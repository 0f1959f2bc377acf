"""WSGI entry point (gunicorn akhbar.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.production")
application = get_wsgi_application()
