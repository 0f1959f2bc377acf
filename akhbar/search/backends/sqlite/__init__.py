from .backend import SQLiteSearchBackend

SearchBackend = SQLiteSearchBackend

__all__ = ["SQLiteSearchBackend", "SearchBackend"]
