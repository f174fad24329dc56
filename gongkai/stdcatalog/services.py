"""Every write of the 标准目录 app: in a transaction, row-locked, role-checked, audited."""
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category, Document, Status
from gongkai.catalog.services import document_generated_submit
from gongkai.core.workflow import transition_pick
from gongkai.core.errors import TransitionError, UserFacingError

from .areas import area as area_get
from .models import AUDIENCE_FROM_TEXT, MODE_FROM_TEXT, Binding, CatalogStatus, Entry, LocalCatalog, Origin
from .transitions import EDIT_ROLES, TRANSITIONS

EDITABLE_FIELDS = ("level1", "level2", "content", "basis", "time_limit", "subject_text", "channels", "audience",
                   "mode", "levels", "topic", "keywords")


def _editable(catalog: LocalCatalog, actor):
    role_require(user=actor, agency=catalog.agency, roles=EDIT_ROLES)
    if catalog.status != CatalogStatus.DRAFT:
        raise TransitionError(_("目录已%(s)s，请先“修订目录”再修改。") % {"s": catalog.get_status_display()})


def _locked(catalog) -> LocalCatalog:
    return LocalCatalog.objects.select_for_update().get(pk=catalog.pk)


@transaction.atomic
def local_catalog_create(*, agency: Agency, actor, title: str = "") -> LocalCatalog:
    role_require(user=actor, agency=agency, roles=EDIT_ROLES)
    if agency.level not in (Agency.Level.COUNTY, Agency.Level.TOWNSHIP):
        raise UserFacingError(_("基层政务公开标准目录由县级、乡级人民政府及其部门编制。"))
    if LocalCatalog.objects.filter(agency=agency).exists():
        raise UserFacingError(_("“%(a)s”已有本级标准目录。") % {"a": agency.name})
    catalog = LocalCatalog.objects.create(agency=agency, title=(title or "").strip()
                                          or f"{agency.name}基层政务公开标准目录")
    audit_record(actor=actor, action="stdcatalog.create", obj=catalog, to_state=catalog.status)
    return catalog


def _next_position(catalog) -> int:
    last = catalog.entries.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def entries_adopt(*, catalog: LocalCatalog, actor, area_slug: str, codes=None) -> list:
    """Copy an area's 指引 事项 into the list (all of them, or `codes`); 事项 already adopted are skipped."""
    catalog = _locked(catalog)
    _editable(catalog, actor)
    found = area_get(area_slug)
    if found is None:
        raise UserFacingError(_("未知的领域：%(s)s") % {"s": area_slug})
    if not found.items:
        raise UserFacingError(_("“%(a)s”领域尚未收录指引事项，请以“本级增设”方式添加。") % {"a": found.name})
    wanted = list(codes) if codes else [i["code"] for i in found.items]
    unknown = [c for c in wanted if found.item(c) is None]
    if unknown:
        raise UserFacingError(_("该领域没有以下事项：%(c)s") % {"c": "、".join(unknown)})
    have = set(catalog.entries.filter(area_slug=area_slug).values_list("template_code", flat=True))
    position = _next_position(catalog)
    created = []
    for code in wanted:
        if code in have:
            continue
        item = found.item(code)
        created.append(Entry.objects.create(
            catalog=catalog, position=position, area_slug=area_slug, template_code=code, origin=Origin.ADOPTED,
            level1=item["level1"], level2=item["level2"] or "", content=item["content"], basis=item["basis"] or "",
            time_limit=item["time_limit"] or "", subject_text=item["subject"] or "", channels=item["channels"] or [],
            audience=AUDIENCE_FROM_TEXT.get(item["audience"] or "", ""),
            mode=MODE_FROM_TEXT.get(item["mode"] or "", ""),
            levels=item["levels"] or []))
        position += 1
    audit_record(actor=actor, action="stdcatalog.adopt", obj=catalog,
                 data={"area": area_slug, "codes": [e.template_code for e in created]})
    return created


def _clean(fields: dict) -> dict:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise UserFacingError(_("不能修改：%(f)s") % {"f": "、".join(sorted(unknown))})
    for key in ("level1", "content"):
        if key in fields and not str(fields[key] or "").strip():
            raise UserFacingError(_("一级事项和公开内容不能为空。"))
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}


@transaction.atomic
def entry_update(*, entry: Entry, actor, **fields) -> Entry:
    """Adapt an 事项 to local practice; an adopted 事项 that changes becomes 按本地调整."""
    _editable(_locked(entry.catalog), actor)
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    fields = _clean(fields)
    changed = {k: v for k, v in fields.items() if getattr(entry, k) != v}
    for key, value in changed.items():
        setattr(entry, key, value)
    if changed and entry.origin == Origin.ADOPTED:
        entry.origin = Origin.ADAPTED
    entry.save()
    audit_record(actor=actor, action="stdcatalog.entry_update", obj=entry.catalog,
                 data={"entry": entry.pk, "fields": sorted(k for k in changed)})
    return entry


@transaction.atomic
def entry_add(*, catalog: LocalCatalog, actor, area_slug: str, level1: str, content: str, **fields) -> Entry:
    """Add a local 事项 (本级增设) under one of the 26 areas."""
    catalog = _locked(catalog)
    _editable(catalog, actor)
    if area_get(area_slug) is None:
        raise UserFacingError(_("未知的领域：%(s)s") % {"s": area_slug})
    fields = _clean({"level1": level1, "content": content, **fields})
    entry = Entry.objects.create(catalog=catalog, position=_next_position(catalog), area_slug=area_slug,
                                 origin=Origin.LOCAL, **fields)
    audit_record(actor=actor, action="stdcatalog.entry_add", obj=catalog, data={"entry": entry.pk})
    return entry


@transaction.atomic
def entries_import(*, catalog: LocalCatalog, actor, name: str, data: bytes, area_slug: str = "") -> dict:
    """Add the 事项 of a 标准目录 table (XLSX, DOCX, CSV, HTML) as the county or township has it. All or nothing:
    any row that cannot be read refuses the whole file with the rows named. A row restating a 指引 事项
    keeps its code (采用, or 按本地调整 where the content differs); a row already in the list is skipped."""
    from gongkai.ops.uploads import upload_check

    from .imports import entry_fields, entry_key
    from .tables import read_table

    catalog = _locked(catalog)
    _editable(catalog, actor)
    default = area_get(area_slug) if area_slug else None
    if area_slug and default is None:
        raise UserFacingError(_("未知的领域：%(s)s") % {"s": area_slug})
    checked = upload_check(name=name, data=data, allowed={"xlsx", "docx", "txt", "html", "xls", "doc"})
    rows, problems = entry_fields(read_table(kind=checked.kind, data=data), default_area=default)
    if problems:
        more = _("（另有 %(n)d 处）") % {"n": len(problems) - 10} if len(problems) > 10 else ""
        raise UserFacingError(_("表格未导入，请修改后重新上传：%(p)s%(m)s") % {"p": "；".join(problems[:10]), "m": more})
    have = {entry_key({"area_slug": e.area_slug, "level1": e.level1, "level2": e.level2, "content": e.content})
            for e in catalog.entries.all()}
    position, created, skipped = _next_position(catalog), [], 0
    for fields in rows:
        key = entry_key(fields)
        if key in have:
            skipped += 1
            continue
        have.add(key)
        created.append(Entry(catalog=catalog, position=position, **fields))
        position += 1
    Entry.objects.bulk_create(created)
    result = {"created": len(created), "skipped": skipped,
              "areas": sorted({area_get(e.area_slug).name for e in created})}
    audit_record(actor=actor, action="stdcatalog.import", obj=catalog,
                 data={"file": checked.safe_name, "sha256": checked.sha256, **result})
    return result


@transaction.atomic
def entry_remove(*, entry: Entry, actor):
    _editable(_locked(entry.catalog), actor)
    audit_record(actor=actor, action="stdcatalog.entry_remove", obj=entry.catalog,
                 data={"entry": entry.pk, "label": str(entry)})
    entry.delete()


@transaction.atomic
def binding_add(*, entry: Entry, document: Document, actor) -> Binding:
    """Bind a catalog document to an 事项 explicitly (allowed in every status: it records publication)."""
    role_require(user=actor, agency=entry.catalog.agency, roles=EDIT_ROLES)
    if document.agency_id != entry.catalog.agency_id and not document.agency.path.startswith(entry.catalog.agency.path):
        raise UserFacingError(_("只能关联本机关及其下属机关的文件。"))
    binding, created = Binding.objects.get_or_create(entry=entry, document=document,
                                                     defaults={"created_by": actor if actor and actor.pk else None})
    if created:
        audit_record(actor=actor, action="stdcatalog.bind", obj=entry.catalog,
                     data={"entry": entry.pk, "document": document.pk})
    return binding


@transaction.atomic
def binding_remove(*, binding: Binding, actor):
    role_require(user=actor, agency=binding.entry.catalog.agency, roles=EDIT_ROLES)
    audit_record(actor=actor, action="stdcatalog.unbind", obj=binding.entry.catalog,
                 data={"entry": binding.entry_id, "document": binding.document_id})
    binding.delete()


def catalog_html(catalog: LocalCatalog) -> str:
    head = ("<tr><th>序号</th><th>领域</th><th>一级事项</th><th>二级事项</th><th>公开内容（要素）</th><th>公开依据</th>"
            "<th>公开时限</th><th>公开主体</th><th>公开渠道和载体</th><th>公开对象</th><th>公开方式</th><th>公开层级</th></tr>")
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(e.area_name)}</td><td>{escape(e.level1)}</td><td>{escape(e.level2)}</td>"
        f"<td>{escape(e.content)}</td><td>{escape(e.basis)}</td><td>{escape(e.time_limit)}</td>"
        f"<td>{escape(e.subject_text)}</td><td>{escape('、'.join(e.channels))}</td>"
        f"<td>{escape(e.get_audience_display() if e.audience else '')}</td>"
        f"<td>{escape(e.get_mode_display() if e.mode else '')}</td><td>{escape('、'.join(e.levels))}</td></tr>"
        for i, e in enumerate(catalog.entries.order_by("position", "id"), start=1))
    return f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>"


@transaction.atomic
def local_catalog_transition(*, catalog: LocalCatalog, action: str, actor, reason: str = "") -> LocalCatalog:
    """The one place a 本级标准目录's status changes."""
    catalog = _locked(catalog)
    tr = transition_pick(TRANSITIONS, action, obj=catalog, reason=reason,
                         authorize=lambda t: role_require(user=actor, agency=catalog.agency, roles=t.roles))
    if action == "submit":
        entries = list(catalog.entries.all())
        if not entries:
            raise UserFacingError(_("目录中还没有公开事项。"))
        unset = [str(e) for e in entries if not e.mode or not e.time_limit]
        if unset:
            raise UserFacingError(_("以下事项未填写公开方式或公开时限：%(e)s") % {"e": "、".join(unset[:10])})
        catalog.document = document_generated_submit(
            agency=catalog.agency, title=catalog.title, body_html=catalog_html(catalog), category=Category.OTHER,
            written_date=timezone.localdate(), publisher_name=catalog.agency.name)
    if action == "publish":
        if catalog.document is None or catalog.document.status != Status.PUBLISHED:
            raise TransitionError(_("目录文件尚未通过审核发布，不能启用。"))
        catalog.published_at = timezone.now()
    old = catalog.status
    catalog.status = tr.target
    if tr.reason_required:
        catalog.status_reason = reason.strip()
    catalog.save()
    audit_record(actor=actor, action=f"stdcatalog.{action}", obj=catalog, from_state=old, to_state=catalog.status,
                 reason=reason)
    return catalog
