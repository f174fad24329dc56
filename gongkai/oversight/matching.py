"""责任单位 names as written → agencies: the agency's name, short name or aliases, or a remembered
`UnitAlias` (one agency or a group: "市政府各部门" → every department of the city). A remembered alias
wins over an agency name, because a person chose it."""
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import audit_record
from gongkai.core.errors import UserFacingError
from gongkai.core.text import normalize, strip_inner_spaces

from .models import UnitAlias


_TAIL = re.compile(r"(等部门|等单位|等)?(按职责分工)?(分别|各自)?(负责|落实)*$")


def unit_key(name: str) -> str:
    """The matching form of a name: normalised, without spaces and the trailing "等部门按职责分工分别"."""
    key = strip_inner_spaces(normalize(name or "")).strip("。.，,；;")
    return _TAIL.sub("", key) or key


@dataclass
class UnitIndex:
    names: dict = field(default_factory=dict)  # key → [agency ids]

    def resolve(self, name: str) -> list[int]:
        return self.names.get(unit_key(name), [])


def unit_index() -> UnitIndex:
    index = UnitIndex()
    for agency in Agency.objects.filter(is_catch_all=False).only("id", "name", "short_name", "aliases"):
        for name in (agency.name, agency.short_name, *agency.alias_list()):
            if name:
                index.names.setdefault(unit_key(name), [agency.pk])
    for alias in UnitAlias.objects.prefetch_related("agencies"):
        ids = sorted(a.pk for a in alias.agencies.all())
        if ids:
            index.names[alias.key] = ids
    return index


@transaction.atomic
def unit_alias_remember(*, name: str, agencies, actor) -> UnitAlias:
    """Remember that `name` means `agencies` (one, or a group); replaces an earlier mapping."""
    key = unit_key(name)
    agencies = list(agencies)
    if not key:
        raise UserFacingError(_("责任单位名称不能为空。"))
    if not agencies:
        raise UserFacingError(_("请为“%(n)s”选择至少一个对应机关。") % {"n": name})
    alias, _created = UnitAlias.objects.select_for_update().get_or_create(
        key=key, defaults={"name": name.strip(), "created_by": actor if actor and actor.pk else None})
    alias.agencies.set(agencies)
    audit_record(actor=actor, action="oversight.alias", obj=alias,
                 data={"name": alias.name, "agencies": sorted(a.pk for a in agencies)})
    return alias
