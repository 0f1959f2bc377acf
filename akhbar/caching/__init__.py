"""Cache backends that degrade instead of failing, and the shared state store (see backends.py)."""
