"""{% page_meta %}: the head tags of a reader page (see akhbar.news.meta.seo)."""

from django import template

from akhbar.news.meta.seo import page_meta as build_page_meta

register = template.Library()


@register.inclusion_tag("components/seo.html", takes_context=True)
def page_meta(context) -> dict:
    return {"meta": build_page_meta(context)}
