"""数据集 in the site search (gongkai.search.registry): every published dataset with its catalog record
(名称, 摘要, 关键字, 开放主体, 数据领域, 开放属性); the names of its public resources only when it is open
(无条件 or 有条件): a 不予开放 dataset is found by its record, never by what it holds. Kept current by
post_save/post_delete receivers on datasets and resources."""
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import IndexItem, register

from .models import Dataset, DatasetStatus, Resource, Tier
from .selectors import public_resources

KIND = "dataset"


def _item(d: Dataset) -> IndexItem:
    parts = [d.summary, "、".join(d.keyword_list()), d.agency.name, str(d.get_topic_display()),
             str(d.get_tier_display())]
    if d.tier != Tier.CLOSED:
        parts += [r.name for r in public_resources(d)]
    body = "\n".join(x for x in parts if x)
    date = d.data_updated or (d.published_at.date() if d.published_at else None)
    return IndexItem(kind=KIND, pk=d.pk, url=reverse("opendata:dataset", args=[d.pk]), title=d.title, body=body,
                     date=date)


def _public():
    return (Dataset.objects.filter(status=DatasetStatus.PUBLISHED).select_related("agency")
            .prefetch_related("resources"))


def items():
    for d in _public().order_by("pk").iterator(chunk_size=500):
        yield _item(d)


def item(pk):
    d = _public().filter(pk=pk).first()
    return _item(d) if d else None


def _changed(sender, instance, created=False, **kwargs):
    """Log a change only when the public item can have changed: a new draft dataset, or a resource
    of a dataset that is not published, is in no index."""
    from gongkai.search.services import index_item_changed

    if sender is Resource:
        if not Dataset.objects.filter(pk=instance.dataset_id, status=DatasetStatus.PUBLISHED).exists():
            return
        index_item_changed(kind=KIND, pk=instance.dataset_id)
    elif not (created and instance.status != DatasetStatus.PUBLISHED):
        index_item_changed(kind=KIND, pk=instance.pk)


def connect():
    register(kind=KIND, label=_("数据集"), items=items, item=item)
    for model in (Dataset, Resource):
        post_save.connect(_changed, sender=model, dispatch_uid=f"opendata.search_index.{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"opendata.search_index.del.{model.__name__}")
