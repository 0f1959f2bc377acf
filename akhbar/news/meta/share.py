"""Share links: plain links to the networks readers share on, with no third-party script."""

from __future__ import annotations

from urllib.parse import quote

from django.utils.translation import gettext as _


def share_links(url: str, title: str) -> list[dict[str, str]]:
    """Plain share links: no third-party script runs on our pages."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        {"label": _("فيسبوك"), "url": f"https://www.facebook.com/sharer/sharer.php?u={u}"},
        {"label": _("إكس"), "url": f"https://x.com/intent/post?url={u}&text={t}"},
        {"label": _("واتساب"), "url": f"https://wa.me/?text={t}%20{u}"},
        {"label": _("تيليغرام"), "url": f"https://t.me/share/url?url={u}&text={t}"},
        {"label": _("البريد"), "url": f"mailto:?subject={t}&body={u}"},
    ]
