"""Writes of datasets and resources: in a transaction, row-locked, role-checked, audited. The
privacy scan runs on every tabular upload; a 无条件开放 dataset is not published while a flagged
column has neither a treatment (mask/remove) nor an audited override."""
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.core.errors import TransitionError, UserFacingError

from .datastore import DataStoreError, datastore_load, drop_table, table_name
from .models import (TABULAR_FORMATS, Dataset, DatasetStatus, DatasetVersion, Frequency, Resource, ScanStatus, Tier,
                     Topic)
from .records import NotTabular
from .resources import file_path, file_store
from .scan import scan_file, scan_tree
from .tabular import TYPES, detect_encoding, schema_detect
from .transitions import DATASET_TRANSITIONS, EDIT_ROLES, REVIEW_ROLES

META_FIELDS = ("title", "summary", "topic", "keywords", "tier", "tier_reason", "frequency", "temporal_start",
               "temporal_end", "spatial_code", "contact_name", "contact_phone", "contact_email", "licence")
_SPATIAL_RE = re.compile(r"^\d{6}(\d{3}(\d{3})?)?$")


def _clean_meta(values: dict) -> dict:
    out = {k: values[k] for k in META_FIELDS if k in values}
    for k, v in out.items():
        if isinstance(v, str):
            out[k] = v.strip()
    if "title" in out and not out["title"]:
        raise UserFacingError(_("请填写数据集名称。"))
    if out.get("topic", Topic.OTHER) not in Topic.values:
        raise UserFacingError(_("请选择数据领域。"))
    if out.get("tier", Tier.OPEN) not in Tier.values:
        raise UserFacingError(_("请选择开放属性。"))
    if out.get("frequency", Frequency.IRREGULAR) not in Frequency.values:
        raise UserFacingError(_("请选择更新频率。"))
    if out.get("tier") in (Tier.CONDITIONAL, Tier.CLOSED) and not out.get("tier_reason"):
        raise UserFacingError(_("有条件开放或不予开放的数据集须说明理由。"))
    if out.get("spatial_code") and not _SPATIAL_RE.match(out["spatial_code"]):
        raise UserFacingError(_("空间范围应为 6 位（或 9、12 位）行政区划代码。"))
    start, end = out.get("temporal_start"), out.get("temporal_end")
    if start and end and start > end:
        raise UserFacingError(_("时间范围的起始日期不能晚于截止日期。"))
    return out


def _snapshot(dataset: Dataset, actor, note: str) -> DatasetVersion:
    """Record the next numbered version: the metadata and each resource's file, checksum and schema."""
    dataset.version += 1
    dataset.save(update_fields=["version", "updated_at"])
    data = {k: (str(v) if v is not None and not isinstance(v, str) else v)
            for k, v in ((f, getattr(dataset, f)) for f in META_FIELDS)}
    data["resources"] = [{"id": r.pk, "name": r.name, "format": r.format, "version": r.version, "sha256": r.sha256,
                          "size": r.size, "schema": r.schema} for r in dataset.resources.all()]
    return DatasetVersion.objects.create(dataset=dataset, number=dataset.version, snapshot=data, note=note[:200],
                                         actor=actor if actor is not None and actor.pk else None)


@transaction.atomic
def dataset_create(*, agency, actor, **values) -> Dataset:
    role_require(user=actor, agency=agency, roles=EDIT_ROLES)
    meta = _clean_meta({"topic": Topic.OTHER, "tier": Tier.OPEN, "frequency": Frequency.IRREGULAR, **values})
    dataset = Dataset.objects.create(agency=agency, **meta)
    _snapshot(dataset, actor, _("创建"))
    audit_record(actor=actor, action="opendata.dataset_create", obj=dataset, to_state=dataset.status,
                 data={"title": dataset.title, "tier": dataset.tier})
    return dataset


@transaction.atomic
def dataset_update(*, dataset, actor, note: str = "", **values) -> Dataset:
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    role_require(user=actor, agency=dataset.agency, roles=EDIT_ROLES)
    current = {k: getattr(dataset, k) for k in META_FIELDS}
    meta = _clean_meta({**current, **values})
    changed = {k: str(v) for k, v in meta.items() if current.get(k) != v}
    if not changed:
        return dataset
    for k, v in meta.items():
        setattr(dataset, k, v)
    dataset.save()
    if dataset.status == DatasetStatus.PUBLISHED and dataset.tier == Tier.OPEN:
        _publish_gate(dataset)
    _snapshot(dataset, actor, note or _("修改元数据"))
    audit_record(actor=actor, action="opendata.dataset_update", obj=dataset, data={"changed": sorted(changed)})
    return dataset


def blocking_resources(dataset) -> list:
    """Tabular resources not yet scanned, or whose flagged personal-data columns are not yet masked,
    removed or overridden."""
    return [r for r in dataset.resources.filter(replaced_at__isnull=True)
            if r.scan_status == ScanStatus.FLAGGED or (r.tabular and r.scan_status == ScanStatus.NONE)]


def _publish_gate(dataset):
    if dataset.tier == Tier.OPEN:
        blocked = blocking_resources(dataset)
        if blocked and blocked[0].scan_status == ScanStatus.NONE:
            raise TransitionError(_("资源“%(name)s”尚未完成个人信息扫描和载入，请稍后再发布。") % {"name": blocked[0].name})
        if blocked:
            raise TransitionError(_("资源“%(name)s”含有个人信息（%(cols)s），须由审核人脱敏、删除该列或记录放行理由后才能无条件开放。")
                                  % {"name": blocked[0].name, "cols": "、".join(f["column"] for f in blocked[0].scan)})


@transaction.atomic
def dataset_transition(*, dataset, action, actor, reason: str = "") -> Dataset:
    """The one place a dataset's status changes."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    tr = DATASET_TRANSITIONS.get(action)
    if tr is None or dataset.status not in tr.sources:
        raise TransitionError(_("当前状态不能执行该操作。"))
    role_require(user=actor, agency=dataset.agency, roles=tr.roles)
    if tr.reason_required and not reason.strip():
        raise TransitionError(_("请填写理由。"))
    if action == "publish":
        _publish_gate(dataset)
        if not dataset.resources.filter(replaced_at__isnull=True).exists() and dataset.tier != Tier.CLOSED:
            raise TransitionError(_("数据集还没有数据资源，不能发布。"))
        dataset.published_at = dataset.published_at or timezone.now()
    source = dataset.status
    dataset.status = tr.target
    dataset.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(actor=actor, action=f"opendata.dataset_{action}", obj=dataset, from_state=source,
                 to_state=dataset.status, reason=reason)
    return dataset


def _queue_analysis(resource) -> None:
    """The scan and the DataStore load run in a task (a 1 GB file is no web request's work): after the
    commit with Celery, at once in this transaction in the embedded default."""
    if resource.format in TABULAR_FORMATS:
        from gongkai.core.queue import task_enqueue

        task_enqueue("gongkai.opendata.resource_analyse", resource.pk, resource.version)


@transaction.atomic
def resource_analyse(*, resource_id: int, version: int) -> Resource | None:
    """Run the schema detection, the privacy scan and the DataStore load of one resource version (the
    task's work; a version replaced meanwhile is skipped)."""
    resource = Resource.objects.select_for_update().filter(pk=resource_id, version=version).first()
    if resource is None or resource.datastore_table or resource.table_note:  # done already (a message twice)
        return resource
    old = {c["name"]: c for c in resource.schema}
    try:
        with transaction.atomic():
            _analyse(resource)
    except UserFacingError as exc:  # an unreadable file: the staff page says why; nothing is public
        Resource.objects.filter(pk=resource.pk).update(load_error=exc.message[:2000])
        return resource
    resource.load_error = ""
    for c in resource.schema:
        if c["name"] in old:
            c["unit"], c["description"] = old[c["name"]].get("unit", ""), old[c["name"]].get("description", "")
    resource.save()
    audit_record(actor=None, action="opendata.resource_analyse", obj=resource, agency_id=resource.dataset.agency_id,
                 to_state=resource.scan_status, data={"version": version, "rows": resource.row_count,
                                                      "flagged": [f["column"] for f in resource.scan]})
    return resource


def _analyse(resource) -> None:
    """Schema, privacy scan and DataStore load of a tabular resource (in the caller's transaction)."""
    if resource.format not in TABULAR_FORMATS:
        return
    path = file_path(resource)
    resource.table_note = ""
    try:
        schema, encoding = schema_detect(path, resource.format)
    except NotTabular as exc:  # valid JSON/XML without a table: offered as a file, its values scanned
        resource.schema, resource.encoding = [], detect_encoding(path)
        resource.scan = scan_tree(path, resource.format, encoding=resource.encoding)
        resource.scan_status = ScanStatus.FLAGGED if resource.scan else ScanStatus.CLEAN
        resource.treatment, resource.override_reason = {}, ""
        resource.table_note = exc.message[:300]
        return
    resource.schema, resource.encoding = schema, encoding
    resource.scan = scan_file(path, resource.format, encoding=encoding)
    resource.scan_status = ScanStatus.FLAGGED if resource.scan else ScanStatus.CLEAN
    resource.treatment, resource.override_reason = {}, ""
    _load(resource, relax=True)


def _load(resource, *, relax: bool = False) -> None:
    """Load the DataStore table. `relax`: a value past the sample that does not fit the inferred type
    turns that column into text and the load starts again (an override by a person is not relaxed)."""
    resource.datastore_table = table_name(resource)
    for _attempt in range(len(resource.schema) + 1):
        try:
            with transaction.atomic():
                resource.row_count = datastore_load(resource, file_path(resource))
            return
        except DataStoreError as exc:
            column = next((c for c in resource.schema if c["name"] == exc.column), None)
            if not relax or column is None or column["type"] == "text":
                raise
            column["type"] = "text"
    raise DataStoreError(_("无法载入数据库。"))


def _touch(dataset):
    dataset.data_updated = timezone.localdate()
    dataset.save(update_fields=["data_updated", "updated_at"])


@transaction.atomic
def resource_add(*, dataset, actor, name: str, filename: str, source) -> Resource:
    """Upload a resource file: stored with size and SHA-256; a CSV/XLSX/JSON/XML gets its data dictionary, the
    privacy scan and a DataStore table."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    role_require(user=actor, agency=dataset.agency, roles=EDIT_ROLES)
    stored = file_store(dataset_id=dataset.pk, filename=filename, source=source)
    resource = Resource.objects.create(dataset=dataset, name=(name or filename).strip()[:200], format=stored["format"],
                                       file=stored["name"], size=stored["size"], sha256=stored["sha256"])
    _touch(dataset)
    _snapshot(dataset, actor, _("新增资源：%(n)s") % {"n": resource.name})
    audit_record(actor=actor, action="opendata.resource_add", obj=resource, agency_id=dataset.agency_id,
                 data={"format": resource.format, "sha256": resource.sha256, "size": resource.size})
    # Until the task ran, a tabular resource counts as not scanned: hidden and blocking 无条件开放.
    _queue_analysis(resource)
    resource.refresh_from_db()
    return resource


@transaction.atomic
def resource_replace(*, resource, actor, filename: str, source) -> Resource:
    """A new version of the file (更新数据): a new DataStore table, the scan again; the units and
    descriptions typed in the dictionary are kept for columns of the same name."""
    resource = Resource.objects.select_for_update().select_related("dataset").get(pk=resource.pk)
    dataset = resource.dataset
    role_require(user=actor, agency=dataset.agency, roles=EDIT_ROLES)
    stored = file_store(dataset_id=dataset.pk, filename=filename, source=source)
    old = {"sha256": resource.sha256, "version": resource.version}
    old_table = resource.datastore_table
    resource.format, resource.file, resource.size, resource.sha256 = (stored["format"], stored["name"],
                                                                      stored["size"], stored["sha256"])
    resource.version += 1
    resource.datastore_table, resource.row_count, resource.scan = "", 0, []
    resource.table_note, resource.load_error = "", ""
    resource.scan_status, resource.treatment, resource.override_reason = ScanStatus.NONE, {}, ""
    resource.save()
    # The previous version's table is no longer reachable (the API reads the current one): drop it, so
    # monthly replacements of a large file do not pile up, and unmasked rows of an old version do not linger.
    drop_table(old_table)
    _touch(dataset)
    _snapshot(dataset, actor, _("更新资源：%(n)s（第 %(v)d 版）") % {"n": resource.name, "v": resource.version})
    audit_record(actor=actor, action="opendata.resource_replace", obj=resource, agency_id=dataset.agency_id,
                 data={"from": old, "to": {"sha256": resource.sha256, "version": resource.version}})
    _queue_analysis(resource)
    resource.refresh_from_db()
    return resource


@transaction.atomic
def resource_schema_update(*, resource, actor, columns: list[dict]) -> Resource:
    """Edit the data dictionary: type (reloads the DataStore when changed), unit, description."""
    resource = Resource.objects.select_for_update().select_related("dataset").get(pk=resource.pk)
    role_require(user=actor, agency=resource.dataset.agency, roles=EDIT_ROLES)
    by_name = {c["name"]: c for c in columns}
    reload = False
    for c in resource.schema:
        new = by_name.get(c["name"])
        if not new:
            continue
        kind = new.get("type", c["type"])
        if kind not in TYPES:
            raise UserFacingError(_("列“%(c)s”的类型无效。") % {"c": c["name"]})
        reload |= kind != c["type"]
        c["type"] = kind
        c["unit"] = str(new.get("unit", c.get("unit", "")))[:40]
        c["description"] = str(new.get("description", c.get("description", "")))[:300]
    if reload:
        _load(resource)
    resource.save()
    _snapshot(resource.dataset, actor, _("修改数据字典：%(n)s") % {"n": resource.name})
    audit_record(actor=actor, action="opendata.schema_update", obj=resource, agency_id=resource.dataset.agency_id,
                 data={"types": {c["name"]: c["type"] for c in resource.schema}})
    return resource


@transaction.atomic
def resource_scan_resolve(*, resource, actor, treatment: dict | None = None, override_reason: str = "") -> Resource:
    """A reviewer's decision on the flagged columns: mask or remove each (applied to the DataStore copy
    and the download), or an override with its reason (audited)."""
    resource = Resource.objects.select_for_update().select_related("dataset").get(pk=resource.pk)
    role_require(user=actor, agency=resource.dataset.agency, roles=REVIEW_ROLES)
    flagged = {f["column"] for f in resource.scan}
    treatment = {k: v for k, v in (treatment or {}).items() if v in ("mask", "remove")}
    if set(treatment) - flagged:
        raise UserFacingError(_("只能处理扫描发现个人信息的列。"))
    override_reason = (override_reason or "").strip()
    if treatment and not resource.datastore_table:
        raise UserFacingError(_("该资源没有载入数据库（不是表格），不能逐列脱敏或删除；请上传处理后的文件，或填写放行理由。"))
    if flagged - set(treatment) and not override_reason:
        raise UserFacingError(_("列“%(c)s”尚未处理：请选择脱敏或删除，或填写放行理由。")
                              % {"c": "、".join(sorted(flagged - set(treatment)))})
    resource.treatment, resource.override_reason = treatment, override_reason
    resource.scan_status = ScanStatus.OVERRIDDEN if override_reason else ScanStatus.RESOLVED
    if resource.datastore_table:
        _load(resource)
    resource.save()
    audit_record(actor=actor, action="opendata.scan_resolve", obj=resource, agency_id=resource.dataset.agency_id,
                 to_state=resource.scan_status, reason=override_reason, data={"treatment": treatment})
    return resource
