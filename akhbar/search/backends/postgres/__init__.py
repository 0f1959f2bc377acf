from .backend import PostgresSearchBackend

SearchBackend = PostgresSearchBackend

__all__ = ["PostgresSearchBackend", "SearchBackend"]
