"""Production settings: `check --deploy` is clean, DEBUG is refused, and HTTPS (redirect, HSTS, secure
cookies, the proxy's header) follows the environment, secure by default."""

import json
import os
import secrets
import string
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLEARED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "PLAIN_HTTP",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER",
    "CSP_REPORT_ONLY",
    "CSP_REPORT_URI",
    "CSP_FRAME_SRC",
    "AKHBAR_DEMO_PASSWORD",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # the browser tests set it in this process; a deployment never does
}
SHOWN = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER",
]


def random_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def run(code_or_command: list[str], tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "akhbar.settings.production",
            "SECRET_KEY": random_key(),
            "ALLOWED_HOSTS": "casablanca.example,beirut.example",
            "AKHBAR_VAR_DIR": str(tmp_path),
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, *code_or_command], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def production_settings(tmp_path, **env) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SHOWN!r}}}))"
    )
    result = run(["-c", "import django; django.setup(); " + code], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run(["-m", "akhbar.manage", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "System check identified no issues" in output
    assert "WARNINGS" not in output and "ERRORS" not in output


def test_production_refuses_debug(tmp_path):
    for value in ("1", "true", "on"):
        result = run(["-c", "import akhbar.settings.production"], tmp_path, DEBUG=value)
        assert result.returncode != 0
        assert "ImproperlyConfigured: DEBUG is on, and production refuses it" in result.stderr
    assert production_settings(tmp_path, DEBUG="0")["DEBUG"] is False


def test_https_is_on_by_default(tmp_path):
    shown = production_settings(tmp_path)
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SECURE_HSTS_SECONDS"] == 31536000
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and shown["SECURE_HSTS_PRELOAD"] is False
    assert shown["SESSION_COOKIE_SECURE"] is True and shown["CSRF_COOKIE_SECURE"] is True
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shown["SECURE_REDIRECT_EXEMPT"] == []


def test_each_https_setting_follows_the_environment(tmp_path):
    shown = production_settings(
        tmp_path,
        SECURE_SSL_REDIRECT="0",
        SECURE_REDIRECT_EXEMPT=r"^healthz$,^static/akhbar/favicon\.svg$",
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="1",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Scheme: HTTPS",
    )
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SECURE_REDIRECT_EXEMPT"] == ["^healthz$", r"^static/akhbar/favicon\.svg$"]
    assert shown["SECURE_HSTS_SECONDS"] == 600
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False and shown["SECURE_HSTS_PRELOAD"] is True
    assert shown["SESSION_COOKIE_SECURE"] is False and shown["CSRF_COOKIE_SECURE"] is False
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_SCHEME", "HTTPS"]
    assert production_settings(tmp_path, SECURE_PROXY_SSL_HEADER="")["SECURE_PROXY_SSL_HEADER"] is None


def test_plain_http_turns_the_https_defaults_off_together(tmp_path):
    shown = production_settings(tmp_path, PLAIN_HTTP="1")
    assert shown["SECURE_SSL_REDIRECT"] is False and shown["SECURE_HSTS_SECONDS"] == 0
    assert shown["SESSION_COOKIE_SECURE"] is False and shown["CSRF_COOKIE_SECURE"] is False
    assert (
        production_settings(tmp_path, PLAIN_HTTP="1", SECURE_SSL_REDIRECT="1")["SECURE_SSL_REDIRECT"] is True
    )
    # ...and `check --deploy` says what that costs.
    result = run(["-m", "akhbar.manage", "check", "--deploy"], tmp_path, PLAIN_HTTP="1")
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stdout + result.stderr, warning
