"""Which agencies a staff user may see and act for. Every staff query goes through here."""
import re

from django.db.models import Q

from .models import SUBTREE_ROLES, Agency, Membership, Role


def agency_ids_for_user(*, user, roles=None) -> set:
    """Return the ids of the agencies where `user` holds one of `roles` (any role when None).

    Superusers hold every role everywhere. Admin and 公开办 roles cover their agency's subtree.
    """
    if user is None or not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Agency.objects.values_list("id", flat=True))
    memberships = Membership.objects.filter(user=user).select_related("agency")
    if roles is not None:
        memberships = memberships.filter(role__in=[str(r) for r in roles])
    ids, subtree_paths = set(), []
    for m in memberships:
        ids.add(m.agency_id)
        if m.role in SUBTREE_ROLES:
            subtree_paths.append(m.agency.path)
    if subtree_paths:
        q = Q()
        for p in subtree_paths:
            q |= Q(path__startswith=p)
        ids.update(Agency.objects.filter(q).values_list("id", flat=True))
    return ids


def agencies_for_user(*, user, roles=None):
    return Agency.objects.filter(id__in=agency_ids_for_user(user=user, roles=roles))


def user_has_role(*, user, agency, roles) -> bool:
    """True when `user` holds one of `roles` for `agency` (directly or through a subtree role)."""
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    return agency_id in agency_ids_for_user(user=user, roles=roles)


def role_require(*, user, agency, roles, message=None) -> None:
    """Raise PermissionDeniedError unless `user` holds one of `roles` for `agency`; `user` None is the
    system and always passes."""
    if user is None or user_has_role(user=user, agency=agency, roles=roles):
        return
    from django.utils.translation import gettext as _

    from gongkai.core.errors import PermissionDeniedError

    raise PermissionDeniedError(message or _("您没有为“%(agency)s”执行此操作的权限。") % {"agency": agency.name})


def members_active(*, agency_ids, roles) -> list:
    """The active users holding one of `roles` directly in one of `agency_ids`, by id: whom an
    agency's reminders go to."""
    members = Membership.objects.filter(agency_id__in=list(agency_ids), role__in=[str(r) for r in roles])
    return sorted({m.user for m in members.select_related("user") if m.user.is_active}, key=lambda u: u.pk)


def user_roles(*, user) -> set:
    if user.is_superuser:
        return set(Role.values)
    return set(Membership.objects.filter(user=user).values_list("role", flat=True))


# A leading place name (at least two characters) before its level: 示范市, 青石县, 东城区, 某某省.
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?=[省市县区州旗盟])")


def agency_name_key(name: str) -> str:
    """The short form people write for an agency's own name on its own site: 人民政府 → 政府 and the
    place name dropped before its level ("示范市人民政府办公室" → "市政府办公室", "示范县教育局" → "县教育局")."""
    from gongkai.core.text import normalize, strip_inner_spaces

    key = strip_inner_spaces(normalize(name or "")).replace("人民政府", "政府")
    return _PLACE.sub("", key, count=1)


def agency_match_publisher(*, name: str):
    """Find the agency whose name, short name or alias is `name` (normalised); failing that, the one
    agency whose short form (`agency_name_key`) is the same as the name's — a page on the site of
    示范市 says 市政府办公室 for 示范市人民政府办公室. None when none matches or the short form is ambiguous."""
    from gongkai.core.text import normalize, strip_inner_spaces

    target = strip_inner_spaces(normalize(name or ""))
    if not target:
        return None
    agencies = list(Agency.objects.all())
    for agency in agencies:
        names = [agency.name, agency.short_name, *agency.alias_list()]
        if any(strip_inner_spaces(normalize(n)) == target for n in names if n):
            return agency
    key = agency_name_key(target)
    if len(key) < 3:  # "市政府" at least; shorter keys say too little
        return None
    found = {a.pk: a for a in agencies if not a.is_catch_all
             and key in {agency_name_key(n) for n in (a.name, a.short_name, *a.alias_list()) if n}}
    return next(iter(found.values())) if len(found) == 1 else None


def agency_catch_all():
    return Agency.objects.filter(is_catch_all=True).first()


def agency_by_code(*, code: str):
    """Find an agency by slug, 统一社会信用代码, 组织机构代码 or 索引号前段码."""
    from .codes import clean_code

    c = clean_code(code)
    return (Agency.objects.filter(slug=code).first()
            or Agency.objects.filter(uscc=c).first()
            or Agency.objects.filter(org_code=c).first()
            or Agency.objects.filter(index_code=code.strip()).first())
