"""What pages tell machines and other sites: head tags (canonical, description, OpenGraph, Twitter),
schema.org JSON-LD and share links. ``seo.page_meta`` builds them; components/seo.html writes them."""

from akhbar.news.meta.share import share_links

__all__ = ["share_links"]
