"""Keep article dates, the network clock, cached lists and cached pages right when editors publish,
unpublish, move or delete (purging: akhbar.news.purge)."""

from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from akhbar.network.directory import forget_last_change
from akhbar.news.fragments import forget_fragments
from akhbar.news.purge import purge_page


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    """Stamp "last updated" on every (re)publish unless the editor set it by hand in this revision."""
    from akhbar.news.models import ArticlePage

    _forget_around(instance)
    if not isinstance(instance, ArticlePage):
        return
    now = timezone.now()
    previous = _previous_revision(revision)
    edited_by_hand = (
        previous is not None
        and _as_datetime(revision.content.get("last_updated"))
        != _as_datetime(previous.content.get("last_updated"))
        and instance.last_updated is not None
    )
    updates = {}
    if instance.first_published is None:
        updates["first_published"] = instance.last_published_at or now
    if not edited_by_hand:
        updates["last_updated"] = instance.last_published_at or now
    if updates:
        ArticlePage.objects.filter(pk=instance.pk).update(**updates)
        for field, value in updates.items():
            setattr(instance, field, value)
        if revision is not None:
            revision.content.update({k: v.isoformat() for k, v in updates.items()})
            revision.save(update_fields=["content"])


def _as_datetime(value):
    if isinstance(value, str):
        return parse_datetime(value.replace(" ", "T"))
    return value


def _previous_revision(revision):
    if revision is None:
        return None
    try:
        return revision.get_previous()
    except revision.DoesNotExist:
        return None


def on_page_unpublished(sender, instance, **kwargs) -> None:
    _forget_around(instance)


def _forget_around(page) -> None:
    """A change to `page` shows on it, its section, its site home and more (akhbar.news.purge): drop
    the cached lists and rendered fragments, and purge the cached pages."""
    ancestors = list(page.get_ancestors().values_list("pk", flat=True))
    forget_last_change()
    forget_fragments()
    cache.delete_many([f"akhbar:network-strip:{pk}" for pk in ancestors])
    purge_page(page)


def on_page_moving(sender, instance, **kwargs) -> None:
    """Before a move: the page's old address and the lists it leaves."""
    _forget_around(instance)


def on_page_moved(sender, instance, **kwargs) -> None:
    """After a move: the new address and the lists it joins."""
    _forget_around(instance.specific_deferred)


def on_page_deleting(sender, instance, **kwargs) -> None:
    """Before a delete (pre_delete, so its URLs, authors and tags can still be read)."""
    if getattr(instance, "live", False):
        _forget_around(instance)
