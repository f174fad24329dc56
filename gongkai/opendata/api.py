"""The DataStore read API in the CKAN `datastore_search` shape, its CSV/JSON export, and the
catalog. A key goes in the `X-API-Key` header (or `api_key`); 无条件开放 data needs none (per-address
hourly limit), 有条件开放 data needs the key its approved application issued. Every call is logged
and counted against the key's daily quota (the `limits` cache)."""
import csv
import io
import json
from typing import Any, Optional

from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from gongkai.ops.netutil import client_ip

from .access import KeyRefused, access_check, key_resolve, quota_check, usage_log
from .datastore import DEFAULT_LIMIT, DataStoreError, datastore_iter, datastore_search
from .selectors import datasets_public, resource_public, resources_listed

router = Router(tags=["数据开放"])


class FieldOut(Schema):
    id: str
    type: str
    info: Optional[dict] = None


class SearchResult(Schema):
    resource_id: int
    fields: list[FieldOut]
    records: list[dict[str, Any]]
    total: Optional[int]
    limit: int
    offset: int
    filters: dict
    q: str
    sort: str


class SearchOut(Schema):
    success: bool
    result: SearchResult


class SearchParams(Schema):
    resource_id: int
    filters: str = ""
    q: str = ""
    sort: str = ""
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    fields: str = ""
    api_key: str = ""


class DatasetOut(Schema):
    id: int
    title: str
    agency: str
    topic: str
    tier: str
    frequency: str
    data_updated: Optional[str]
    resources: list[dict]


def _guard(request, resource_id: int, api_key: str, action: str):
    """(resource, key) after the tier, key, period and quota checks; raises HttpError in Chinese."""
    try:
        resource = resource_public(pk=resource_id)
    except Exception:
        raise HttpError(404, _("资源不存在或未公开。")) from None
    if not resource.datastore_table:
        raise HttpError(400, _("该资源没有载入数据库，无法查询。"))
    try:
        key = key_resolve(request.headers.get("X-API-Key", "") or api_key)
        access_check(dataset=resource.dataset, key=key)
    except KeyRefused as exc:
        raise HttpError(exc.status, exc.message) from None
    wait = quota_check(key=key, ident=client_ip(request))
    if wait:
        raise HttpError(429, _("已超过调用配额，请在 %(m)d 分钟后再试。") % {"m": max(1, (wait + 59) // 60)})
    return resource, key


def _fields(value: str):
    return [f.strip() for f in value.split(",") if f.strip()] or None


def _filters(value: str) -> dict:
    try:
        parsed = json.loads(value) if value.strip() else {}
    except ValueError:
        raise HttpError(400, _("filters 应为 JSON 对象，例如 {\"区县\": \"示范区\"}。")) from None
    if not isinstance(parsed, dict):
        raise HttpError(400, _("filters 应为 JSON 对象，例如 {\"区县\": \"示范区\"}。"))
    return parsed


@router.get("/datastore_search", response=SearchOut, summary="查询数据资源的行（CKAN datastore_search 形式）",
            description="filters：JSON 对象，字段名 → 值或值的数组（精确匹配）；q：在文本列中检索；sort：`字段 asc|desc`，"
                        "多个以逗号分隔；limit ≤ 1000；fields：以逗号分隔的字段名。有条件开放数据须在 X-API-Key 中提供获批的密钥。")
def search(request, params: Query[SearchParams]):
    resource, key = _guard(request, params.resource_id, params.api_key, "search")
    try:
        result = datastore_search(resource, filters=_filters(params.filters), q_text=params.q, sort=params.sort,
                                  limit=params.limit, offset=params.offset, fields=_fields(params.fields))
    except DataStoreError as exc:
        raise HttpError(400, exc.message) from None
    usage_log(dataset=resource.dataset, resource=resource, key=key, action="search", rows=len(result["records"]))
    return {"success": True, "result": result}


@router.get("/datastore_export", summary="导出数据资源（CSV 或 JSON，可带筛选）",
            description="与 datastore_search 相同的 filters、q、fields；format=csv（UTF-8 带 BOM）或 json（每行一个 JSON 对象）。")
def export(request, resource_id: int, format: str = "csv", filters: str = "", q: str = "", fields: str = "",
           api_key: str = ""):
    if format not in ("csv", "json"):
        raise HttpError(400, _("format 只能是 csv 或 json。"))
    resource, key = _guard(request, resource_id, api_key, "export")
    try:
        header, rows = datastore_iter(resource, filters=_filters(filters), q_text=q, fields=_fields(fields))
    except DataStoreError as exc:
        raise HttpError(400, exc.message) from None
    usage_log(dataset=resource.dataset, resource=resource, key=key, action="export")
    return stream_rows(header, rows, format, f"resource-{resource.pk}")


def stream_rows(header, rows, fmt: str, stem: str) -> StreamingHttpResponse:
    if fmt == "json":
        def body():
            for row in rows:
                yield json.dumps(dict(zip(header, row)), ensure_ascii=False) + "\n"
        response = StreamingHttpResponse(body(), content_type="application/x-ndjson; charset=utf-8")
    else:
        def body():
            buf = io.StringIO()
            writer = csv.writer(buf)
            buf.write("\ufeff")
            writer.writerow(header)
            for n, row in enumerate(rows, 1):
                writer.writerow(["" if v is None else v for v in row])
                if n % 2000 == 0:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue()
        response = StreamingHttpResponse(body(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@router.get("/datasets", response=list[DatasetOut], summary="已发布的数据集目录")
def datasets(request, topic: str = "", tier: str = "", format: str = ""):
    out = []
    for d in datasets_public(topic=topic, tier=tier, fmt=format):
        out.append({"id": d.pk, "title": d.title, "agency": d.agency.name, "topic": d.topic, "tier": d.tier,
                    "frequency": d.frequency, "data_updated": d.data_updated.isoformat() if d.data_updated else None,
                    "resources": [{"id": r.pk, "name": r.name, "format": r.format, "size": r.size, "sha256": r.sha256,
                                   "datastore": bool(r.datastore_table),
                                   "fields": [{"id": c["name"], "type": c["type"], "unit": c.get("unit", ""),
                                               "description": c.get("description", "")}
                                              for c in r.schema if (r.treatment or {}).get(c["name"]) != "remove"]}
                                  for r in resources_listed(d)]})
    return out


@router.get("/catalog.jsonld", summary="数据目录（DCAT JSON-LD）")
def catalog(request):
    from .dcat import catalog_jsonld

    return catalog_jsonld()

