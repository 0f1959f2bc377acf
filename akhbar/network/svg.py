"""SVG logos that cannot carry script: parsed, checked against an allow-list, refused otherwise.

An SVG file is a document: opened directly (not through <img>) it may run script, load other origins
or expand entities. A logo needs none of that, so an upload is accepted only when every element is a
drawing element, no attribute is an event handler, and every reference points inside the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SVG_BYTES = 200_000
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ALLOWED_ELEMENTS = frozenset(
    """svg g path rect circle ellipse line polyline polygon text tspan textPath defs title desc
    linearGradient radialGradient stop clipPath mask use symbol""".split()
)
_URL_RE = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.I)
_DANGEROUS_VALUE_RE = re.compile(r"(javascript|vbscript|data)\s*:|@import|expression\s*\(", re.I)


def _local(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        ns, _sep, local = name[1:].partition("}")
        return ns, local
    return "", name


def svg_problems(data: bytes) -> list[str]:
    """Why this file is not a safe SVG logo (an empty list when it is)."""
    if len(data) > MAX_SVG_BYTES:
        return [_("ملف SVG أكبر من الحد المسموح (200 كيلوبايت).")]
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return [_("ملف SVG يحتوي على تعريف DOCTYPE أو ENTITY، وهذا غير مسموح.")]
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return [_("الملف ليس SVG صالحًا (تعذّرت قراءته كـ XML).")]
    if _local(root.tag) != (SVG_NS, "svg"):
        return [_("العنصر الجذري للملف يجب أن يكون <svg>.")]
    problems: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        ns, tag = _local(element.tag)
        if ns != SVG_NS or tag not in ALLOWED_ELEMENTS:
            problems.append(_("العنصر <%(tag)s> غير مسموح في الشعار.") % {"tag": tag})
            continue
        for name, value in element.attrib.items():
            attr_ns, attr = _local(name)
            if attr.lower().startswith("on"):
                problems.append(_("السمة %(attr)s (معالج أحداث) غير مسموحة.") % {"attr": attr})
            elif attr == "href" and attr_ns in ("", XLINK_NS) and not value.strip().startswith("#"):
                problems.append(_("الروابط في الشعار يجب أن تشير إلى داخل الملف فقط."))
            elif _DANGEROUS_VALUE_RE.search(value):
                problems.append(_("قيمة السمة %(attr)s غير مسموحة.") % {"attr": attr})
            elif any(not url.startswith("#") for url in _URL_RE.findall(value)):
                problems.append(_("السمة %(attr)s تشير إلى ملف خارجي.") % {"attr": attr})
    return sorted(set(problems))


def validate_svg_logo(file) -> None:
    """Model-field validator: refuse an SVG upload that could carry script or load other origins."""
    name = getattr(file, "name", "") or ""
    if not name.lower().endswith(".svg"):
        raise ValidationError(_("يجب أن يكون ملف الشعار بصيغة SVG."))
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    data = file.read(MAX_SVG_BYTES + 1)
    file.seek(position)
    problems = svg_problems(data if isinstance(data, bytes) else data.encode())
    if problems:
        raise ValidationError(problems)
