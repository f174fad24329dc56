"""The catalog for a higher-level portal to harvest: DCAT (JSON-LD, DCAT-AP vocabulary as
ckanext-dcat writes it) and a flat CSV with the same fields. Distributions of 有条件开放 datasets
carry only the access URL (the application page); 不予开放 datasets carry none."""
import csv
import io

from django.conf import settings
from django.urls import reverse

from .models import Tier
from .selectors import datasets_public, resources_listed

FREQ = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCY_URIS = {"realtime": FREQ + "UPDATE_CONT", "daily": FREQ + "DAILY", "monthly": FREQ + "MONTHLY",
                  "quarterly": FREQ + "QUARTERLY", "yearly": FREQ + "ANNUAL", "irregular": FREQ + "IRREG"}
MEDIA_TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "json": "application/json", "xml": "application/xml", "pdf": "application/pdf"}
CONTEXT = {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
           "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
           "spdx": "http://spdx.org/rdf/terms#", "owl": "http://www.w3.org/2002/07/owl#",
           "xsd": "http://www.w3.org/2001/XMLSchema#"}


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _distribution(dataset, r) -> dict:
    out = {"@id": _url(reverse("opendata:resource", args=[r.pk])), "@type": "dcat:Distribution",
           "dct:title": r.name, "dct:format": r.format.upper(), "dcat:mediaType": MEDIA_TYPES.get(r.format, ""),
           "dcat:accessURL": {"@id": _url(reverse("opendata:dataset", args=[dataset.pk]))}}
    if r.treatment and r.datastore_table:
        # Masked or removed columns: the download is generated from the DataStore copy (CSV, JSON Lines for
        # a JSON resource), so the uploaded file's format, size and checksum do not describe it.
        out["dct:format"], out["dcat:mediaType"] = (("JSON", "application/x-ndjson") if r.format == "json"
                                                    else ("CSV", "text/csv"))
    else:
        out["dcat:byteSize"] = {"@value": str(r.size), "@type": "xsd:nonNegativeInteger"}
        out["spdx:checksum"] = {"@type": "spdx:Checksum", "spdx:algorithm": "spdx:checksumAlgorithm_sha256",
                                "spdx:checksumValue": r.sha256}
    if dataset.tier == Tier.OPEN:
        out["dcat:downloadURL"] = {"@id": _url(reverse("opendata:download", args=[r.pk]))}
    if r.datastore_table:
        out["dcat:accessService"] = {"@type": "dcat:DataService",
                                     "dcat:endpointURL": {"@id": _url("/api/opendata/datastore_search")},
                                     "dcat:endpointDescription": {"@id": _url("/api/openapi.json")}}
    return out


def dataset_jsonld(dataset) -> dict:
    item = {
        "@id": _url(reverse("opendata:dataset", args=[dataset.pk])), "@type": "dcat:Dataset",
        "dct:identifier": str(dataset.pk), "dct:title": dataset.title, "dct:description": dataset.summary,
        "dcat:keyword": dataset.keyword_list(), "dcat:theme": dataset.get_topic_display(),
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": dataset.agency.name},
        "dct:accrualPeriodicity": {"@id": FREQUENCY_URIS[dataset.frequency]},
        "dct:accessRights": dataset.get_tier_display(), "dct:license": dataset.licence,
        "owl:versionInfo": str(dataset.version),
        "dct:issued": dataset.published_at.date().isoformat() if dataset.published_at else None,
        "dct:modified": dataset.data_updated.isoformat() if dataset.data_updated else None,
    }
    if dataset.tier != Tier.OPEN and dataset.tier_reason:
        item["dct:rights"] = dataset.tier_reason
    if dataset.temporal_start or dataset.temporal_end:
        item["dct:temporal"] = {"@type": "dct:PeriodOfTime",
                                "dcat:startDate": dataset.temporal_start.isoformat() if dataset.temporal_start else None,
                                "dcat:endDate": dataset.temporal_end.isoformat() if dataset.temporal_end else None}
    if dataset.spatial_code:
        item["dct:spatial"] = {"@type": "dct:Location", "dct:identifier": dataset.spatial_code}
    if dataset.contact_name or dataset.contact_phone or dataset.contact_email:
        item["dcat:contactPoint"] = {"@type": "vcard:Kind", "vcard:fn": dataset.contact_name,
                                     "vcard:hasTelephone": dataset.contact_phone,
                                     "vcard:hasEmail": f"mailto:{dataset.contact_email}" if dataset.contact_email else ""}
    if dataset.tier != Tier.CLOSED:
        item["dcat:distribution"] = [_distribution(dataset, r) for r in resources_listed(dataset)]
    return item


def catalog_jsonld() -> dict:
    return {"@context": CONTEXT, "@type": "dcat:Catalog", "@id": _url(reverse("opendata:index")),
            "dct:title": getattr(settings, "SITE_NAME", "政务数据开放"),
            "dcat:dataset": [dataset_jsonld(d) for d in datasets_public()]}


CSV_COLUMNS = ("标识", "名称", "摘要", "开放主体", "数据领域", "关键字", "开放属性", "开放属性理由", "更新频率",
               "时间范围起", "时间范围止", "空间范围", "联系人", "联系电话", "联系邮箱", "使用协议", "版本",
               "数据更新日期", "资源格式", "页面地址")


def catalog_csv() -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for d in datasets_public():
        formats = sorted({r.format.upper() for r in resources_listed(d)})
        writer.writerow([d.pk, d.title, d.summary, d.agency.name, d.get_topic_display(), "、".join(d.keyword_list()),
                         d.get_tier_display(), d.tier_reason, d.get_frequency_display(), d.temporal_start or "",
                         d.temporal_end or "", d.spatial_code, d.contact_name, d.contact_phone, d.contact_email,
                         d.licence, d.version, d.data_updated or "", "/".join(formats),
                         _url(reverse("opendata:dataset", args=[d.pk]))])
    return out.getvalue()
