"""Admin and editor logins are throttled per account and per address (django-axes, Arabic lockout)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RIGHT = "right-pass-1234-word"


@pytest.fixture(autouse=True)
def users(django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    for name in ("chief", "editor"):
        django_user_model.objects.create_superuser(name, f"{name}@example.invalid", RIGHT)


def login(client: Client, username: str, password: str, ip: str, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers)


def fail(client: Client, username: str, ip: str, times: int = 3, **headers) -> None:
    for _ in range(times):
        response = login(client, username, "wrong-password", ip, **headers)
        assert response.status_code in (200, 429)


def test_the_right_password_logs_in(client):
    assert login(client, "chief", RIGHT, "198.51.100.1").status_code == 302


def test_after_the_limit_even_the_right_password_is_refused_with_an_arabic_page(client):
    fail(client, "chief", "198.51.100.1")
    response = login(client, "chief", RIGHT, "198.51.100.1")
    assert response.status_code == 429
    html = response.content.decode()
    assert "أُوقف تسجيل الدخول مؤقتًا" in html and "15 دقيقة" in html and 'dir="rtl"' in html
    assert response["Retry-After"] == "900"
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_the_account_is_locked_from_every_address(client):
    fail(client, "chief", "198.51.100.1")
    assert login(Client(), "chief", RIGHT, "203.0.113.9").status_code == 429


def test_the_address_is_locked_for_every_account(client):
    fail(client, "chief", "198.51.100.1")
    assert login(Client(), "editor", RIGHT, "198.51.100.1").status_code == 429


def test_another_account_from_another_address_is_unaffected(client):
    fail(client, "chief", "198.51.100.1")
    assert login(Client(), "editor", RIGHT, "203.0.113.9").status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(client):
    fail(client, "chief", "198.51.100.1", times=2)
    assert login(client, "chief", RIGHT, "198.51.100.1").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client):
    fail(client, "chief", "198.51.100.1")
    assert login(client, "chief", RIGHT, "198.51.100.1").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert login(client, "chief", RIGHT, "198.51.100.1").status_code == 302


def test_behind_trusted_proxies_each_reader_has_its_own_address(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    fail(client, "chief", "10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
    # another reader behind the same proxy, even one that forges the locked address on the left
    other = Client()
    response = login(other, "editor", RIGHT, "10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.77")
    assert response.status_code == 302
    assert login(Client(), "editor", RIGHT, "10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
