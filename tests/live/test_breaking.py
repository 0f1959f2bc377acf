"""Breaking-news lines and the date of the day in the masthead, and the fragment pages refresh them from."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from akhbar.live.breaking import today
from akhbar.live.models import BreakingNews
from tests.factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sites():
    return make_site("casablanca.localhost", default=True), make_site(
        "beirut.localhost", name_ar="بيروت اليوم"
    )


def line(text, site=None, minutes=30, **fields):
    now = timezone.now()
    return BreakingNews.objects.create(
        text=text,
        site=site,
        starts_at=now - timedelta(minutes=1),
        expires_at=now + timedelta(minutes=minutes),
        **fields,
    )


def test_a_sites_line_shows_on_its_pages_only(client, two_sites):
    casablanca, _beirut = two_sites
    line("زلزال بقوة خمس درجات يضرب الساحل", site=casablanca, url="/")
    home = client.get("/", HTTP_HOST="casablanca.localhost").content.decode()
    other = client.get("/", HTTP_HOST="beirut.localhost").content.decode()
    assert "زلزال بقوة خمس درجات" in home and 'class="breaking-bar"' in home
    assert "زلزال بقوة خمس درجات" not in other


def test_a_network_line_shows_on_every_site(client, two_sites):
    line("انقطاع الكهرباء في عدة مدن")
    for host in ("casablanca.localhost", "beirut.localhost"):
        assert "انقطاع الكهرباء في عدة مدن" in client.get("/", HTTP_HOST=host).content.decode()


def test_an_expired_line_is_gone_from_pages_and_the_fragment(client, two_sites):
    old = line("خبر انتهت مدته", minutes=30)
    BreakingNews.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    from django.core.cache import cache

    cache.clear()
    assert "خبر انتهت مدته" not in client.get("/", HTTP_HOST="casablanca.localhost").content.decode()
    data = client.get("/live/masthead/", HTTP_HOST="casablanca.localhost").json()
    assert data["breaking"] == []


def test_fragment_is_briefly_cacheable_json_with_the_date_and_lines(client, two_sites):
    saved = line("عاجل للاختبار", url="https://example.org/x")
    response = client.get("/live/masthead/", HTTP_HOST="beirut.localhost")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=2" in response["Cache-Control"]
    assert not response.cookies
    data = response.json()
    assert data["breaking"][0]["id"] == saved.pk and data["breaking"][0]["url"] == "https://example.org/x"
    assert set(data["date"]) == {"today", "tomorrow", "midnight"}
    assert client.head("/live/masthead/", HTTP_HOST="beirut.localhost").status_code == 200
    assert client.post("/live/masthead/", HTTP_HOST="beirut.localhost").status_code == 405


def test_saving_a_line_shows_it_at_once_despite_the_short_cache(client, two_sites):
    assert client.get("/live/masthead/", HTTP_HOST="casablanca.localhost").json()["breaking"] == []
    line("خبر جديد للتو")
    assert client.get("/live/masthead/", HTTP_HOST="casablanca.localhost").json()["breaking"][0]["text"] == (
        "خبر جديد للتو"
    )


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"text": "   "}, "text"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "//evil.example/"}, "url"),
        ({"expires_at": datetime(2020, 1, 1, tzinfo=UTC)}, "expires_at"),
    ],
)
def test_bad_lines_are_refused_with_an_arabic_message(fields, field):
    values = {"text": "نص", "starts_at": datetime(2021, 1, 1, tzinfo=UTC), **fields}
    with pytest.raises(ValidationError) as error:
        BreakingNews(**values).full_clean()
    message = " ".join(error.value.message_dict[field])
    assert any("\u0600" <= ch <= "\u06ff" for ch in message)


class Profile:
    """The parts of a site profile the date of the day reads."""

    def __init__(self, time_zone, **style):
        from akhbar.arabic.dates import DateStyle

        self.time_zone = time_zone
        self.date_style = DateStyle(**style)


def test_date_of_the_day_turns_at_the_sites_own_midnight():
    beirut = Profile("Asia/Beirut", months="levantine", second_months="egyptian")
    before = today(beirut, datetime(2026, 11, 30, 21, 59, tzinfo=UTC))  # 23:59 in Beirut
    after = today(beirut, datetime(2026, 11, 30, 22, 1, tzinfo=UTC))  # 00:01 in Beirut
    assert before["today"]["gregorian"] == "الاثنين 30 تشرين الثاني / نوفمبر 2026"
    assert after["today"] == before["tomorrow"]
    assert after["today"] == {
        "gregorian": "الثلاثاء 1 كانون الأول / ديسمبر 2026",
        "hijri": "21 جمادى الآخرة 1448 هـ",  # Umm al-Qura
    }
    assert before["midnight"] == "2026-11-30T22:00:00+00:00"


def test_date_of_the_day_uses_the_sites_months_and_digits():
    tunis = Profile("Africa/Tunis", months="maghreb", digits="arabic")
    day = today(tunis, datetime(2026, 1, 15, 12, 0, tzinfo=UTC))["today"]
    assert "جانفي" in day["gregorian"] and "٢٠٢٦" in day["gregorian"] and "2026" not in day["gregorian"]
    assert "١٤٤٧" in day["hijri"]


def test_home_page_shows_the_date_of_the_day(client, two_sites):
    html = client.get("/", HTTP_HOST="casablanca.localhost").content.decode()
    assert 'class="today"' in html and "هـ" in html and "data-midnight=" in html


def test_command_sets_lists_and_ends_lines(two_sites):
    out = StringIO()
    call_command(
        "breaking", "إغلاق الطريق السيار", "--site", "beirut.localhost", "--minutes", "15", stdout=out
    )
    saved = BreakingNews.objects.get()
    assert saved.site.hostname == "beirut.localhost"
    assert timedelta(minutes=14) < saved.expires_at - timezone.now() <= timedelta(minutes=15)
    listing = StringIO()
    call_command("breaking", "--list", stdout=listing)
    assert "إغلاق الطريق السيار" in listing.getvalue()
    call_command("breaking", "--end", stdout=StringIO())
    assert not BreakingNews.objects.active().exists()


@pytest.mark.parametrize(
    "args",
    [
        ["   "],
        ["نص", "--site", "nowhere.localhost"],
        ["نص", "--url", "javascript:alert(1)"],
        ["نص", "--minutes", "0"],
        ["--end", "abc"],
    ],
)
def test_command_refuses_bad_input_clearly(two_sites, args):
    with pytest.raises(CommandError):
        call_command("breaking", *args, stdout=StringIO())
    assert not BreakingNews.objects.exists()
