"""The client's address, for every part of akhbar that needs it (comment limits and bans, login
throttling, API rate limits): one function, ``client_ip(request)``.

Without a proxy configured the address is the peer's, ``REMOTE_ADDR``, and forwarding headers are
ignored (anyone can send them). Behind reverse proxies the settings say which hops to believe:

- ``TRUSTED_PROXIES`` (env, comma-separated addresses or networks such as ``127.0.0.1,10.0.0.0/8,
  ::1``): the chain of addresses — those the header lists, then the peer — is read from the right,
  skipping trusted proxies; the first address that is not one of them is the client. When the peer
  itself is not a trusted proxy the headers are ignored.
- ``TRUSTED_PROXY_COUNT`` (env, an integer): exactly that many proxies stand in front, so the client
  is the address that many places left of the peer. Used only when ``TRUSTED_PROXIES`` is empty.
- ``FORWARDED_HEADER`` (env): ``X-Forwarded-For`` (the default) or ``Forwarded`` (RFC 7239, its
  ``for=`` parameters). Only the header the proxies write may be named: the other one reaches the
  application as the client sent it.

Entries may carry ports and brackets (``[2001:db8::1]:4711``, ``203.0.113.5:8080``); IPv4-mapped IPv6
addresses are written as IPv4. Addresses to the left of the first untrusted one are never read, so a
client cannot choose its address by sending the header itself. An entry that is not an address
("unknown", an obfuscated RFC 7239 name) where the client should be yields the nearest trusted proxy's
address, so such clients share a limit rather than escape it.
"""

from __future__ import annotations

import ipaddress
import re
from functools import cache

from django.conf import settings
from django.http import HttpRequest

__all__ = ["client_ip", "parse_forwarded", "parse_x_forwarded_for", "normalize_address"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_ELEMENT_RE = re.compile(r'(?:[^,"]|"(?:[^"\\]|\\.)*")+')
_PAIR_RE = re.compile(r'\s*([!#$%&\'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)\s*')
_HEADERS = {"x-forwarded-for": "HTTP_X_FORWARDED_FOR", "forwarded": "HTTP_FORWARDED"}


def normalize_address(value: str) -> IPAddress | None:
    """An address as a proxy writes it ("[2001:db8::1]:80", "192.0.2.1:8080", " ::ffff:192.0.2.1")
    as an ip_address (IPv4-mapped IPv6 as IPv4); None when it is not an address."""
    text = value.strip().strip('"').strip()
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has several colons
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def parse_x_forwarded_for(value: str) -> list[str]:
    """The entries of an X-Forwarded-For header, left (farthest) to right (nearest)."""
    return [part.strip() for part in value.split(",") if part.strip()]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def parse_forwarded(value: str) -> list[str]:
    """The ``for=`` values of an RFC 7239 Forwarded header, left to right (one per element; an element
    without ``for`` counts as an unknown hop)."""
    nodes = []
    for element in _ELEMENT_RE.findall(value):
        if not element.strip():
            continue
        node = "unknown"
        for pair in element.split(";"):
            match = _PAIR_RE.fullmatch(pair) if pair.strip() else None
            if match and match.group(1).lower() == "for":
                node = _unquote(match.group(2))
        nodes.append(node)
    return nodes


@cache
def _networks(entries: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ValueError(f"TRUSTED_PROXIES: {entry!r} is not an address or network") from None
    return tuple(networks)


def _trusted(address: IPAddress, networks: tuple[IPNetwork, ...]) -> bool:
    return any(address.version == n.version and address in n for n in networks)


def _header_entries(request: HttpRequest) -> list[str]:
    name = str(getattr(settings, "FORWARDED_HEADER", "X-Forwarded-For")).strip().lower()
    if name not in _HEADERS:
        raise ValueError(f"FORWARDED_HEADER must be X-Forwarded-For or Forwarded, not {name!r}")
    value = request.META.get(_HEADERS[name], "")
    if not isinstance(value, str):
        return []
    return parse_forwarded(value) if name == "forwarded" else parse_x_forwarded_for(value)


def client_ip(request: HttpRequest) -> str:
    """The client's address as text ("203.0.113.5", "2001:db8::1"), per the trusted-proxy settings;
    REMOTE_ADDR as given when it is not an address (a test client, a Unix socket)."""
    remote_raw = request.META.get("REMOTE_ADDR", "") or ""
    remote = normalize_address(remote_raw)
    if remote is None:
        return remote_raw
    proxies = tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ())
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if not proxies and count <= 0:
        return str(remote)
    entries = _header_entries(request)
    if proxies:
        networks = _networks(proxies)
        nearest = remote
        if not _trusted(remote, networks):
            return str(remote)
        for entry in reversed(entries):
            address = normalize_address(entry)
            if address is None:
                return str(nearest)
            if not _trusted(address, networks):
                return str(address)
            nearest = address
        return str(nearest)
    chain = [*entries, remote_raw]
    if len(chain) <= count:  # fewer hops than proxies: the request did not come through all of them
        address = normalize_address(chain[0])
        return str(address or remote)
    nearest = remote
    for entry in reversed(chain[-count:-1] if count > 1 else []):
        nearest = normalize_address(entry) or nearest
    address = normalize_address(chain[-count - 1])
    return str(address or nearest)
