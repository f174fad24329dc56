"""办事指南 in the site search (gongkai.search.registry): every published guide, with its 受理条件,
流程, 时限, 收费 and 依据; kept current by a post_save receiver."""
from django.db.models.signals import post_save
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import IndexItem, register

from .models import GuideStatus, ServiceGuide

KIND = "guide"


def _item(g: ServiceGuide) -> IndexItem:
    days = []
    if g.legal_days:
        days.append(_g("法定时限%(n)s个工作日") % {"n": g.legal_days})
    if g.promised_days:
        days.append(_g("承诺时限%(n)s个工作日") % {"n": g.promised_days})
    fee = _g("不收费") if g.free else g.fee_standard
    body = "\n".join(x for x in (g.agency.name, g.get_kind_display(), g.conditions, g.process, "；".join(days),
                                 fee, g.fee_basis, g.basis, g.location, g.hours) if x)
    return IndexItem(kind=KIND, pk=g.pk, url=g.get_absolute_url(), title=g.name, body=body,
                     date=g.published_at.date() if g.published_at else None)


def _public():
    return ServiceGuide.objects.filter(status=GuideStatus.PUBLISHED).select_related("agency")


def items():
    for g in _public().order_by("pk").iterator(chunk_size=500):
        yield _item(g)


def item(pk):
    g = _public().filter(pk=pk).first()
    return _item(g) if g else None


def _changed(sender, instance, **kwargs):
    from gongkai.search.services import index_item_changed

    index_item_changed(kind=KIND, pk=instance.pk)


def connect():
    register(kind=KIND, label=_("办事指南"), items=items, item=item)
    post_save.connect(_changed, sender=ServiceGuide, dispatch_uid="guides.search_index")
