"""The client's address behind trusted proxies: one reading for comments, logins and APIs."""

import pytest
from django.core.checks import run_checks

from akhbar.comments import security
from akhbar.network.client_ip import client_ip, normalize_address, parse_forwarded


def request(rf, remote="10.0.0.2", xff=None, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    if forwarded is not None:
        meta["HTTP_FORWARDED"] = forwarded
    return rf.get("/", **meta)


def test_without_trusted_proxies_forwarding_headers_are_ignored(rf, settings):
    settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_COUNT = [], 0
    assert client_ip(request(rf, xff="203.0.113.5", forwarded="for=198.51.100.1")) == "10.0.0.2"


def test_the_rightmost_untrusted_address_is_the_client(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    assert client_ip(request(rf, xff="203.0.113.5")) == "203.0.113.5"
    # a client that sends its own header cannot choose its address: the spoofed left entries are never read
    assert client_ip(request(rf, xff="1.1.1.1, 8.8.8.8, 203.0.113.5, 10.1.2.3")) == "203.0.113.5"


def test_a_peer_that_is_not_a_trusted_proxy_is_the_client_whatever_it_sends(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request(rf, remote="198.51.100.7", xff="203.0.113.5")) == "198.51.100.7"


def test_trusted_proxies_all_the_way_gives_the_farthest_one(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request(rf, xff="10.9.9.9, 10.0.0.5")) == "10.9.9.9"
    assert client_ip(request(rf)) == "10.0.0.2"


def test_an_entry_that_is_not_an_address_yields_the_proxy_that_wrote_it(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request(rf, xff="203.0.113.5, unknown, 10.0.0.9")) == "10.0.0.9"


def test_a_count_of_proxies_takes_that_many_hops_from_the_right(rf, settings):
    settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_COUNT = [], 2
    # client -> proxy 1 (adds the client) -> proxy 2 (adds proxy 1, is the peer)
    assert client_ip(request(rf, xff="6.6.6.6, 203.0.113.5, 10.0.0.1")) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(rf, xff="6.6.6.6, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(request(rf)) == "10.0.0.2"


def test_rfc_7239_forwarded_is_read_when_configured(rf, settings):
    settings.TRUSTED_PROXIES, settings.FORWARDED_HEADER = ["10.0.0.0/8"], "Forwarded"
    header = 'for=6.6.6.6, for="[2001:db8:cafe::17]:4711";proto=https;by=10.0.0.2, For=10.0.0.3'
    assert client_ip(request(rf, forwarded=header, xff="198.51.100.1")) == "2001:db8:cafe::17"
    assert client_ip(request(rf, forwarded="for=192.0.2.60;proto=http;by=203.0.113.43")) == "192.0.2.60"
    assert client_ip(request(rf, forwarded='for="_gazonk"')) == "10.0.0.2"


def test_forwarded_elements_are_split_outside_quotes_only():
    value = 'for="[2001:db8::1]:80";host="a,b", for=192.0.2.1;proto=http, proto=https'
    assert parse_forwarded(value) == ["[2001:db8::1]:80", "192.0.2.1", "unknown"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("203.0.113.5", "203.0.113.5"),
        ("203.0.113.5:8080", "203.0.113.5"),
        ("[2001:db8::1]:4711", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ('"[::1]"', "::1"),
        ("fe80::1%eth0", "fe80::1"),
    ],
)
def test_addresses_are_read_with_ports_brackets_and_mapped_forms(text, expected):
    assert str(normalize_address(text)) == expected


@pytest.mark.parametrize("text", ["unknown", "_hidden", "", "[2001:db8::1", "999.1.1.1", "a:b"])
def test_what_is_not_an_address_is_none(text):
    assert normalize_address(text) is None


def test_ipv6_proxies_and_clients(rf, settings):
    settings.TRUSTED_PROXIES = ["::1", "fd00::/8"]
    assert client_ip(request(rf, remote="::1", xff="2001:db8::7, fd00::3")) == "2001:db8::7"


def test_comments_read_the_same_address(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    req = request(rf, xff="1.1.1.1, 203.0.113.5")
    assert security.client_ip(req) == client_ip(req) == "203.0.113.5"


def test_a_mistyped_proxy_setting_fails_the_system_checks(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "not-an-address"]
    settings.FORWARDED_HEADER = "X-Real-IP"
    ids = {e.id for e in run_checks() if e.id and e.id.startswith("akhbar.network")}
    assert ids == {"akhbar.network.E001", "akhbar.network.E002"}
