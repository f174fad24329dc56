"""机构概况 in the site search (gongkai.search.registry): each published profile as one entry, from its
published copy only (职能, 机构设置, 领导信息, 联系方式 — never the working copy being edited); a hit links
to the agency's /xxgk/jggk/ page. Kept current by receivers on profiles and agencies (a renamed or
moved agency changes the title and the link)."""
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.search.registry import IndexItem, register

from .models import AgencyProfile
from .selectors import profiles_public

KIND = "profile"
_CONTACTS = (("address", _("办公地址")), ("hours", _("办公时间")), ("phone", _("联系电话")), ("fax", _("传真")),
             ("email", _("电子邮箱")), ("postal_code", _("邮政编码")))


def _item(profile: AgencyProfile) -> IndexItem:
    p = profile.published or {}
    leaders = [" ".join(x for x in (ld.get("post"), ld.get("name"), ld.get("duties")) if x)
               for ld in p.get("leaders", [])]
    contacts = [f"{label}：{p[key]}" for key, label in _CONTACTS if p.get(key)]
    body = "\n".join(x for x in (p.get("functions"), p.get("structure"), *leaders, *contacts) if x)
    date = profile.reviewed_on or (profile.published_at.date() if profile.published_at else None)
    return IndexItem(kind=KIND, pk=profile.pk, url=reverse("columns:profile", args=[profile.agency.slug]),
                     title=_g("%(agency)s机构概况") % {"agency": profile.agency.name}, body=body, date=date)


def items():
    for profile in profiles_public().order_by("pk").iterator(chunk_size=500):
        yield _item(profile)


def item(pk):
    profile = profiles_public().filter(pk=pk).first()
    return _item(profile) if profile else None


def _log(pk):
    from gongkai.search.services import index_item_changed

    index_item_changed(kind=KIND, pk=pk)


def _profile_changed(sender, instance, created=False, **kwargs):
    if not (created and instance.published is None):  # a new profile is a draft, in no index
        _log(instance.pk)


def _agency_changed(sender, instance, created=False, **kwargs):
    if created:
        return
    for pk in AgencyProfile.objects.filter(agency_id=instance.pk, published__isnull=False).values_list("pk", flat=True):
        _log(pk)


def connect():
    register(kind=KIND, label=_("机构概况"), items=items, item=item)
    post_save.connect(_profile_changed, sender=AgencyProfile, dispatch_uid="columns.search_index.profile")
    post_delete.connect(_profile_changed, sender=AgencyProfile, dispatch_uid="columns.search_index.profile_del")
    post_save.connect(_agency_changed, sender=Agency, dispatch_uid="columns.search_index.agency")
