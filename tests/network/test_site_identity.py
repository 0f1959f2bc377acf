"""Each site's identity: its logo in the masthead (raster or a safe SVG), drawn for the demo."""

from __future__ import annotations

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from akhbar.network.brand import brand_for
from akhbar.network.models import SiteProfile
from akhbar.network.svg import svg_problems
from akhbar.news.demo import DEMO_SITES, site_identity
from tests.factories import make_image, make_network, make_site

HOST = "casablanca.localhost"
SAFE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#0f6b5c"/></linearGradient></defs>'
    b'<title>logo</title><rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/></svg>'
)


def test_a_plain_drawing_is_a_safe_svg_logo():
    assert svg_problems(SAFE_SVG) == []


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
        b'<use x:href="https://evil.example/a.svg#x"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/t)"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(data:image/png;base64,AA)"/></svg>',
        b'<!DOCTYPE svg [<!ENTITY x "xx">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css)</style></svg>',
        b"<html><body>not svg</body></html>",
        b"<svg",
        b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<rect/>" * 40_000 + b"</svg>",
    ],
)
def test_svg_that_could_carry_script_or_reach_out_is_refused(svg):
    assert svg_problems(svg)


@pytest.mark.django_db
def test_site_profile_refuses_an_unsafe_svg_upload_with_an_arabic_reason():
    profile = SiteProfile.objects.get(site=make_site(HOST, default=True))
    profile.logo_svg = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"
    )
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "معالج أحداث" in str(error.value.message_dict["logo_svg"])
    profile.logo_svg = SimpleUploadedFile("logo.png", b"\x89PNG", "image/png")
    with pytest.raises(ValidationError):
        profile.full_clean()
    profile.logo_svg = SimpleUploadedFile("logo.svg", SAFE_SVG, "image/svg+xml")
    profile.full_clean()


@pytest.mark.django_db
def test_policy_links_must_be_a_site_path_or_an_absolute_address():
    profile = SiteProfile.objects.get(site=make_site(HOST, default=True))
    for good in ("/about/principles/", "https://example.org/corrections"):
        profile.publishing_principles_url = good
        profile.full_clean()
    for bad in ("javascript:alert(1)", "//evil.example/x", "about us"):
        profile.publishing_principles_url = bad
        with pytest.raises(ValidationError):
            profile.full_clean()


def masthead(host: str = HOST) -> str:
    html = Client().get("/", HTTP_HOST=host).content.decode()
    return re.search(r'<header class="masthead">.*?</header>', html, re.S).group(0)


@pytest.mark.django_db
def test_masthead_shows_the_logo_and_keeps_the_accessible_name(settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page cache may keep a home for a minute; the logo is what we test
    make_network()
    site = make_site(HOST, default=True, name_ar="أنباء الدار البيضاء")
    assert 'class="brand-mark"' in masthead() and 'class="brand-logo"' not in masthead()

    SiteProfile.objects.filter(site=site).update(logo=make_image(size=(1000, 200)))
    SiteProfile.objects.get(site=site).save()  # as the admin does: forgets the cached brand
    header = masthead()
    assert 'aria-label="الصفحة الرئيسية: أنباء الدار البيضاء"' in header
    logo = re.search(r'<img class="brand-logo" src="([^"]+)" width="(\d+)" height="(\d+)" alt="">', header)
    assert logo and logo.group(3) == "96" and logo.group(2) == "480"
    assert Client().get(logo.group(1)).status_code == 200
    assert 'class="brand-mark"' not in header and "brand-name visually-hidden" in header


@pytest.mark.django_db
def test_masthead_prefers_the_svg_logo():
    site = make_site(HOST, default=True)
    profile = SiteProfile.objects.get(site=site)
    profile.logo = make_image(size=(1000, 200))
    profile.logo_svg = SimpleUploadedFile("logo.svg", SAFE_SVG, "image/svg+xml")
    profile.save()
    header = masthead()
    src = re.search(r'<img class="brand-logo" src="([^"]+)"', header).group(1)
    assert src.endswith(".svg") and src.startswith("/media/logos/")


@pytest.mark.django_db
def test_publisher_logo_is_a_png_within_600_by_60():
    profile = SiteProfile.objects.get(site=make_site(HOST, default=True))
    profile.logo = make_image(size=(1500, 300))
    profile.save()
    logo = brand_for(profile).publisher_logo
    assert logo.url.endswith(".png") and logo.width <= 600 and logo.height <= 60
    path = Client().get(logo.url)
    assert Image.open(io.BytesIO(b"".join(path.streaming_content))).format == "PNG"


@pytest.mark.django_db
def test_demo_draws_a_distinct_logo_and_share_image_for_each_site():
    drawn = [site_identity(demo_site) for demo_site in DEMO_SITES]
    logos = [identity["logo"] for identity in drawn]
    assert len({logo.file.read() for logo in logos}) == len(DEMO_SITES)
    for identity in drawn:
        logo, card = identity["logo"], identity["social_image"]
        assert logo.width > 3 * logo.height and (card.width, card.height) == (1200, 630)
        pixels = Image.open(logo.file).convert("RGBA")
        assert pixels.getpixel((0, 0))[3] == 0  # transparent background
