"""The table behind the "state" cache alias when no Redis is configured."""

from django.db import models


class SharedState(models.Model):
    """One counter or flag every process must see: a rate-limit window, a used challenge, a version.

    Integers only, so that incrementing is a single atomic UPDATE in the database."""

    key = models.CharField(max_length=250, primary_key=True)
    value = models.BigIntegerField()
    expires = models.DateTimeField(null=True, db_index=True)

    class Meta:
        verbose_name = "shared state"

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
