"""What the network hands to machines: RSS feeds, sitemaps and robots.txt (served from caches, purged on publish)."""
