"""The content API for apps and partners: Wagtail's API v2, read-only, scoped to one site."""
