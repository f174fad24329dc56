"""Writes of the columns app (columns, 机构概况): in a transaction, row-locked, role-checked, audited.
The 规范性文件库's writes are in `normative.py`."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category, Genre, Subject
from gongkai.core.workflow import transition_pick
from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.core.text import nfkc
from gongkai.ops.uploads import upload_check, upload_save
from gongkai.review.services import review_message, review_text

from .models import AgencyProfile, Column, ColumnLevel, Leader, ProfileStatus
from .selectors import columns_version_bump
from .statute import DEFAULT_COLUMNS
from .transitions import COLUMN_ROLES, EDIT_ROLES, TRANSITIONS

PROFILE_FIELDS = ("functions", "structure", "address", "hours", "phone", "fax", "email", "postal_code")
PHOTO_KINDS = {"png", "jpg"}
PHOTO_MAX_BYTES = 2 * 1024 * 1024


def _subjects_resolve(pairs) -> list:
    found = []
    for top, child in pairs:
        subject = Subject.objects.filter(name=child, parent__name=top).first()
        if subject is not None:
            found.append(subject)
    return found


@transaction.atomic
def columns_defaults_ensure() -> int:
    """Create the statute's columns that do not exist yet (by slug); an administrator's edits to
    existing columns are kept. Returns how many were created."""
    created = 0
    for position, (slug, name, basis, level, criteria) in enumerate(DEFAULT_COLUMNS, start=1):
        if Column.objects.filter(slug=slug).exists():
            continue
        column = Column.objects.create(
            slug=slug, name=name, basis=basis, level=level, sort_order=position * 10,
            categories=criteria.get("categories", []), genres=criteria.get("genres", []),
            keywords=criteria.get("keywords", []), include_guides=criteria.get("include_guides", False),
            include_profiles=criteria.get("include_profiles", False),
            include_normative=criteria.get("include_normative", False))
        column.subjects.set(_subjects_resolve(criteria.get("subjects", [])))
        audit_record(actor=None, action="column.create", obj=column, data={"slug": slug, "name": name})
        created += 1
    if created:
        _bump()
    return created


def _bump():
    """A new columns version now and again once committed (a reader between the two may have cached
    the old rows under the first)."""
    columns_version_bump()
    transaction.on_commit(columns_version_bump)


def column_admin_check(actor) -> None:
    """Only the administrator of a top-level agency (or a superuser) edits the columns."""
    if actor is None or actor.is_superuser:
        return
    for root in Agency.objects.filter(parent__isnull=True):
        try:
            role_require(user=actor, agency=root, roles=COLUMN_ROLES)
            return
        except UserFacingError:
            continue
    raise UserFacingError(_("只有管理员可以修改法定主动公开内容的栏目。"), code="permission")


def _words(value) -> list:
    if isinstance(value, str):
        value = value.replace("，", ",").replace("、", ",").replace("\n", ",").split(",")
    return list(dict.fromkeys(nfkc(str(v)).strip() for v in value or [] if str(v).strip()))


@transaction.atomic
def column_update(*, column, actor, name=None, basis=None, description=None, level=None, sort_order=None,
                  active=None, categories=None, genres=None, keywords=None, subjects=None,
                  include_guides=None, include_profiles=None, include_normative=None) -> Column:
    """Change a column's name, place or query. Lists are validated against the catalog's values."""
    column_admin_check(actor)
    column = Column.objects.select_for_update().get(pk=column.pk)
    before = _column_state(column)
    if name is not None:
        if not name.strip():
            raise UserFacingError(_("栏目名称不能为空。"))
        column.name = name.strip()
    if basis is not None:
        column.basis = basis.strip()
    if description is not None:
        column.description = description.strip()
    if level is not None:
        if level not in ColumnLevel.values:
            raise UserFacingError(_("适用层级无效。"))
        column.level = level
    if sort_order is not None:
        column.sort_order = int(sort_order)
    if active is not None:
        column.active = bool(active)
    if categories is not None:
        bad = [c for c in categories if c not in Category.values]
        if bad:
            raise UserFacingError(_("未知的信息类别：%(v)s") % {"v": "、".join(map(str, bad))})
        column.categories = [c for c in Category.values if c in categories]
    if genres is not None:
        bad = [g for g in genres if g not in Genre.values]
        if bad:
            raise UserFacingError(_("未知的文种：%(v)s") % {"v": "、".join(map(str, bad))})
        column.genres = [g for g in Genre.values if g in genres]
    if keywords is not None:
        words = _words(keywords)
        if any(len(w) > 30 for w in words) or len(words) > 50:
            raise UserFacingError(_("关键词每个不超过30个字，最多50个。"))
        column.keywords = words
    for flag, value in (("include_guides", include_guides), ("include_profiles", include_profiles),
                        ("include_normative", include_normative)):
        if value is not None:
            setattr(column, flag, bool(value))
    column.save()
    if subjects is not None:
        column.subjects.set(Subject.objects.filter(pk__in=[getattr(s, "pk", s) for s in subjects]))
    after = _column_state(column)
    changed = {k: {"from": before[k], "to": after[k]} for k in after if before[k] != after[k]}
    if changed:
        audit_record(actor=actor, action="column.edit", obj=column, data={"changed": changed})
        _bump()
    return column


def _column_state(column) -> dict:
    return {"name": column.name, "basis": column.basis, "description": column.description, "level": column.level,
            "sort_order": column.sort_order, "active": column.active, "categories": list(column.categories),
            "genres": list(column.genres), "keywords": list(column.keywords),
            "subjects": sorted(column.subjects.values_list("pk", flat=True)) if column.pk else [],
            "include_guides": column.include_guides, "include_profiles": column.include_profiles,
            "include_normative": column.include_normative}


# ---- 机构概况 ------------------------------------------------------------------------------------

@transaction.atomic
def profile_get_or_create(*, agency, actor) -> AgencyProfile:
    """The agency's profile; a new draft prefilled with the office contacts the agency already has."""
    role_require(user=actor, agency=agency, roles=EDIT_ROLES)
    profile = AgencyProfile.objects.filter(agency=agency).first()
    if profile is None:
        profile = AgencyProfile.objects.create(agency=agency, address=agency.office_address,
                                               hours=agency.office_hours, phone=agency.office_phone,
                                               fax=agency.office_fax, email=agency.office_email,
                                               postal_code=agency.postal_code)
        audit_record(actor=actor, action="profile.create", obj=profile, to_state=profile.status)
    return profile


def _editable(profile):
    if profile.status != ProfileStatus.DRAFT:
        raise TransitionError(_("只有草稿状态的机构概况可以修改（当前：%(s)s）；已发布的请先点“修改”。")
                              % {"s": profile.get_status_display()})


@transaction.atomic
def profile_update(*, profile, actor, **fields) -> AgencyProfile:
    profile = AgencyProfile.objects.select_for_update().select_related("agency").get(pk=profile.pk)
    role_require(user=actor, agency=profile.agency, roles=EDIT_ROLES)
    _editable(profile)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise UserFacingError(_("未知的字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    changed = []
    for key, value in fields.items():
        value = (value or "").strip()
        if key == "postal_code" and value and not (len(value) == 6 and value.isdigit()):
            raise UserFacingError(_("邮政编码应为6位数字。"))
        if getattr(profile, key) != value:
            setattr(profile, key, value)
            changed.append(key)
    profile.save()
    if changed:
        audit_record(actor=actor, action="profile.edit", obj=profile, data={"fields": changed})
    return profile


@transaction.atomic
def leader_add(*, profile, actor, name: str, post: str, duties: str = "", photo=None) -> Leader:
    """Add a leader (姓名, 职务, 分工; `photo` an optional (file name, bytes) PNG/JPEG)."""
    profile = AgencyProfile.objects.select_for_update().select_related("agency").get(pk=profile.pk)
    role_require(user=actor, agency=profile.agency, roles=EDIT_ROLES)
    _editable(profile)
    name, post = (name or "").strip(), (post or "").strip()
    if not name or not post:
        raise UserFacingError(_("请填写领导的姓名和职务。"))
    path = ""
    if photo:
        checked = upload_check(name=photo[0], data=photo[1], allowed=PHOTO_KINDS, max_bytes=PHOTO_MAX_BYTES)
        path = upload_save(directory=f"profiles/{profile.agency_id}", checked=checked)
    leader = Leader.objects.create(profile=profile, position=profile.leaders.count() + 1, name=name, post=post,
                                   duties=(duties or "").strip(), photo=path)
    audit_record(actor=actor, action="profile.leader_add", obj=profile, data={"name": name, "post": post})
    return leader


@transaction.atomic
def leader_remove(*, leader, actor) -> None:
    profile = AgencyProfile.objects.select_for_update().select_related("agency").get(pk=leader.profile_id)
    role_require(user=actor, agency=profile.agency, roles=EDIT_ROLES)
    _editable(profile)
    name = leader.name
    Leader.objects.filter(pk=leader.pk).delete()
    for i, row in enumerate(profile.leaders.order_by("position", "id"), start=1):
        if row.position != i:
            Leader.objects.filter(pk=row.pk).update(position=i)
    audit_record(actor=actor, action="profile.leader_remove", obj=profile, data={"name": name})


def profile_snapshot(profile) -> dict:
    """The public copy of a profile, as published."""
    return {**{k: getattr(profile, k) for k in PROFILE_FIELDS},
            "agency": profile.agency.name,
            "leaders": [{"name": x.name, "post": x.post, "duties": x.duties, "photo": x.photo}
                        for x in profile.leaders.order_by("position", "id")]}


def _snapshot_text(snapshot) -> str:
    parts = [str(snapshot[k]) for k in PROFILE_FIELDS if snapshot.get(k)]
    parts += [f"{x['post']} {x['name']} {x['duties']}" for x in snapshot["leaders"]]
    return "\n".join(parts)


def profile_missing(profile) -> list:
    """The elements of 条例第二十条第（二）项 a profile still lacks, named in Chinese."""
    missing = [str(label) for key, label in (("functions", _("机构职能")), ("structure", _("机构设置")),
                                              ("address", _("办公地址")), ("hours", _("办公时间")),
                                              ("phone", _("联系电话"))) if not getattr(profile, key).strip()]
    if not profile.leaders.exists():
        missing.append(_("领导信息（负责人姓名）"))
    return missing


@transaction.atomic
def profile_transition(*, profile, action, actor, reason="") -> AgencyProfile:
    """The one place a 机构概况's status changes (and its update date is set)."""
    profile = AgencyProfile.objects.select_for_update().select_related("agency").get(pk=profile.pk)
    tr = transition_pick(TRANSITIONS, action, obj=profile, reason=reason,
                         authorize=lambda t: role_require(user=actor, agency=profile.agency, roles=t.roles))
    reason = (reason or "").strip()
    today = timezone.localdate()
    data = None
    if action in ("submit", "publish"):
        missing = profile_missing(profile)
        if missing:
            raise TransitionError(_("机构概况要素不齐全：%(m)s。") % {"m": "、".join(missing)}, code="profile_incomplete")
    if action == "publish":
        snapshot = profile_snapshot(profile)
        report = review_text(text=_snapshot_text(snapshot), context=_("机构概况"))
        if report.verdict == "block":
            raise TransitionError(review_message(report), code="review_block")
        profile.published, profile.published_at = snapshot, timezone.now()
        profile.version += 1
        profile.reviewed_on = today
        data = {"version": profile.version}
    elif action == "confirm":
        profile.reviewed_on = today
        data = {"reviewed_on": today.isoformat()}
    elif action == "withdraw":  # off the public page, the search index and the reminders
        profile.published, profile.published_at, profile.reviewed_on = None, None, None
        data = {"version": profile.version}
    old = profile.status
    if tr.target is not None:
        profile.status = tr.target
    profile.status_reason = reason if action in ("return", "withdraw") else ""
    profile.save()
    audit_record(actor=actor, action=f"profile.{action}", obj=profile, from_state=old, to_state=profile.status,
                 reason=reason, data=data)
    return profile
