"""Production static files: hashed names from the manifest storage, served for years by WhiteNoise."""

import re

from django.core.management import call_command
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage

from akhbar.settings.base import PACKAGE_DIR, STORAGES
from akhbar.storage import StaticFilesStorage


def test_collected_static_files_are_hashed_and_immutable(tmp_path):
    production = {**STORAGES}
    assert production["staticfiles"]["BACKEND"] == "akhbar.storage.StaticFilesStorage"
    assert issubclass(StaticFilesStorage, CompressedManifestStaticFilesStorage)
    with override_settings(
        STORAGES=production,
        STATIC_ROOT=tmp_path,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        STATICFILES_DIRS=[PACKAGE_DIR / "static"],
        WHITENOISE_USE_FINDERS=False,
        DEBUG=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        css_url = (
            engines["django"].from_string("{% load static %}{% static 'akhbar/css/fonts.css' %}").render()
        )
        assert re.fullmatch(r"/static/akhbar/css/fonts\.[0-9a-f]{12}\.css", css_url)
        whitenoise = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))

        response = whitenoise(RequestFactory().get(css_url, HTTP_ACCEPT_ENCODING="br, gzip"))

        assert response.status_code == 200
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"
        assert response["Content-Encoding"] == "br"
        fonts_css = (tmp_path / css_url.removeprefix("/static/")).read_text()
        font_urls = re.findall(r"url\(([^)]+)\)", fonts_css)
        assert font_urls and all(re.search(r"\.[0-9a-f]{12}\.woff2\"?$", url) for url in font_urls)
        unhashed = whitenoise(RequestFactory().get("/static/akhbar/css/fonts.css"))
        assert "immutable" not in unhashed.get("Cache-Control", "")


def test_a_static_url_is_worked_out_once_and_follows_a_new_collectstatic(tmp_path):
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.templatetags.static import static

    source = tmp_path / "source"
    (source / "akhbar").mkdir(parents=True)
    css = source / "akhbar" / "once.css"
    css.write_text("a{color:red}")
    with override_settings(
        STORAGES={**STORAGES},
        STATIC_ROOT=tmp_path / "root",
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        STATICFILES_DIRS=[source],
        WHITENOISE_USE_FINDERS=False,
        DEBUG=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        first = static("akhbar/once.css")
        assert re.fullmatch(r"/static/akhbar/once\.[0-9a-f]{12}\.css", first)
        assert staticfiles_storage._urls[("akhbar/once.css", False)] == first  # kept
        assert static("akhbar/once.css") == first
        css.write_text("a{color:blue}")
        call_command("collectstatic", interactive=False, verbosity=0)  # in this process: forgotten
        second = static("akhbar/once.css")
        assert second != first and re.fullmatch(r"/static/akhbar/once\.[0-9a-f]{12}\.css", second)
