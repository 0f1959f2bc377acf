"""{% fragment "name" part … %}…{% endfragment %}: the enclosed markup, rendered once and kept in the
cache under the name, the parts and the fragments version (akhbar.news.fragments). A part that is
None means "do not keep this one" (rendered every time)."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from akhbar.news.fragments import fragment_key, get_fragment, set_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        key = fragment_key(context.get("request"), self.name.resolve(context), parts)
        if key is None:
            return self.nodelist.render(context)
        html = get_fragment(key)
        if html is None:
            html = self.nodelist.render(context)
            set_fragment(key, str(html))
        return mark_safe(html)  # noqa: S308 - markup this template rendered


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'fragment' needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
