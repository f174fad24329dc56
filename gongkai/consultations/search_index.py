"""意见征集 in the site search (gongkai.search.registry): every published consultation, its draft and
起草说明, kept current by a post_save receiver."""
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import IndexItem, register

from .models import Consultation, ConsultationStatus

KIND = "consultation"


def _item(c: Consultation) -> IndexItem:
    body = "\n".join(x for x in (c.agency.name, c.kind, c.explanation, c.draft_text) if x)
    return IndexItem(kind=KIND, pk=c.pk, url=c.get_absolute_url(), title=c.title, body=body, date=c.start_date)


def _public():
    return Consultation.objects.filter(status=ConsultationStatus.PUBLISHED).select_related("agency")


def items():
    for c in _public().order_by("pk").iterator(chunk_size=500):
        yield _item(c)


def item(pk):
    c = _public().filter(pk=pk).first()
    return _item(c) if c else None


def _changed(sender, instance, **kwargs):
    from gongkai.search.services import index_item_changed

    index_item_changed(kind=KIND, pk=instance.pk)


def connect():
    register(kind=KIND, label=_("意见征集"), items=items, item=item)
    post_save.connect(_changed, sender=Consultation, dispatch_uid="consultations.search_index")
