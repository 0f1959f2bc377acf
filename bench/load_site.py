"""Settings for bench/load.py's gunicorn servers: the demo settings, URLs with a bare view (load_urls).

DJANGO_SETTINGS_MODULE=load_site with bench/ on the Python path.
"""

from akhbar.settings.dev import *  # noqa: F403

ROOT_URLCONF = "load_urls"
