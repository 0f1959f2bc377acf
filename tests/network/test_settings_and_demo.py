"""Deployment safety, the demo network command and the Arabic admin."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from akhbar.network.models import SiteProfile
from akhbar.news.models import ArticlePage, HomePage

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def import_production(**env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import akhbar.settings.production"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = import_production(ALLOWED_HOSTS="news.example")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    result = import_production(SECRET_KEY="akhbar-insecure-development-key", ALLOWED_HOSTS="news.example")
    assert result.returncode != 0


def test_production_refuses_the_demo_password_and_missing_hosts():
    key = "k" * 50
    assert (
        "AKHBAR_DEMO_PASSWORD"
        in import_production(SECRET_KEY=key, ALLOWED_HOSTS="a.example", AKHBAR_DEMO_PASSWORD="x").stderr
    )
    assert "ALLOWED_HOSTS" in import_production(SECRET_KEY=key).stderr
    assert import_production(SECRET_KEY=key, ALLOWED_HOSTS="a.example").returncode == 0


@pytest.mark.django_db
def test_demo_builds_three_sites_once_and_prints_the_editor_password_once():
    out = StringIO()
    call_command("demo", "--limit", "12", "--port", "8123", stdout=out)
    printed = out.getvalue()
    assert "password:" in printed
    assert HomePage.objects.count() == 3
    assert ArticlePage.objects.live().count() == 12
    conventions = {p.site.hostname: (p.month_convention, p.second_months) for p in SiteProfile.objects.all()}
    assert conventions["casablanca.localhost"] == ("levantine", "egyptian")
    assert conventions["beirut.localhost"] == ("levantine", "")
    assert conventions["tunis.localhost"] == ("maghreb", "")
    assert set(Site.objects.values_list("port", flat=True)) == {8123}

    again = StringIO()
    call_command("demo", "--port", "9000", stdout=again)
    assert "password" not in again.getvalue()
    assert HomePage.objects.count() == 3
    assert set(Site.objects.values_list("port", flat=True)) == {9000}


@pytest.mark.django_db
def test_admin_speaks_arabic_right_to_left(django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.invalid", "pass-1234-word")
    client = Client()
    client.force_login(django_user_model.objects.get(username="chief"))
    html = client.get("/admin/").content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "لوحة" in html or "الصفحات" in html
