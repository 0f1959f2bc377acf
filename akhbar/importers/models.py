"""Where each imported item went, so that importing the same file again updates instead of duplicating."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    external_id = models.CharField(_("المعرف في المصدر"), max_length=200)
    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="imported_item")
    imported_at = models.DateTimeField(auto_now=True)
    # A digest of what the line said when it was last imported: the same line again changes nothing.
    checksum = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("عنصر مستورد")
        verbose_name_plural = _("عناصر مستوردة")
        constraints = [
            models.UniqueConstraint(fields=["site", "external_id"], name="importers_unique_site_id")
        ]

    def __str__(self) -> str:
        return self.external_id
