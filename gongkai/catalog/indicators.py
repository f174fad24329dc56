"""测评 rules over the 主动公开目录 (imported by dotted path by the assessment engine; the catalog does not
know it). Each rule: fn(*, agency_ids, start, end) -> {"numerator", "denominator", "records"}; agency_ids
None is the whole government; records are (label, url) of the items that count against the figure."""
import calendar
import datetime as dt
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import DateField, ExpressionWrapper, F, Max
from django.urls import reverse

from gongkai.workdays.calendar import add_workdays

from .models import Attachment, Category, Disclosure, Document, DocumentRelation, RelationKind, Status, Subject, Validity

STALE_MONTHS = 6  # 国办秘函〔2019〕19号: a 政策文件 column not updated for 6 months loses points
POLICY_CATEGORIES = (Category.REGULATION, Category.NORMATIVE)


def _published(agency_ids):
    """Published 主动公开 documents of the scope (the filter the catalog's list indexes lead with)."""
    qs = Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE)
    return qs if agency_ids is None else qs.filter(agency_id__in=agency_ids)


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 - months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _catalog_url(subject_id) -> str:
    return f"{reverse('portal:catalog')}?subject={subject_id}"


def _last_by_subject(agency_ids, end):
    rows = (_published(agency_ids).filter(subject__isnull=False, publish_date__lte=end)
            .values("subject").annotate(last=Max("publish_date")))
    last = {r["subject"]: r["last"] for r in rows}
    names = {s.pk: str(s) for s in Subject.objects.filter(pk__in=last).select_related("parent")}
    return last, names


def subjects_stale(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """主题分类 columns the scope has published in whose latest publication is more than 6 months
    before `end` (numerator) / the columns it has published in."""
    last, names = _last_by_subject(agency_ids, end)
    limit = _months_before(end, STALE_MONTHS)
    stale = sorted((day, sid) for sid, day in last.items() if day < limit)
    records = [(f"{names[sid]}：最近发布 {day}，已 {(end - day).days} 天未更新", _catalog_url(sid)) for day, sid in stale]
    return {"numerator": len(stale), "denominator": len(last), "records": records}


def days_since_publication(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Days from the scope's latest publication to `end` (numerator; denominator 1, 0 when it has never
    published); the records list every 主题分类 with its own days, the longest first."""
    latest = _published(agency_ids).filter(publish_date__lte=end).aggregate(m=Max("publish_date"))["m"]
    if latest is None:
        return {"numerator": 0, "denominator": 0, "records": []}
    last, names = _last_by_subject(agency_ids, end)
    rows = sorted(((end - day).days, sid) for sid, day in last.items())
    records = [(f"{names[sid]}：{days} 天（最近 {last[sid]}）", _catalog_url(sid)) for days, sid in reversed(rows)]
    return {"numerator": (end - latest).days, "denominator": 1, "records": records}


def publish_late(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Documents published in the period more than 20 working days after 成文 (条例第二十六条; numerator) /
    the documents published in the period that carry a 成文日期."""
    limit = settings.GONGKAI["PUBLICATION_LIMIT_WORKDAYS"]
    qs = _published(agency_ids).filter(publish_date__gte=start, publish_date__lte=end, written_date__isnull=False)
    # A span of 20 calendar days or less can never hold 20 working days: only the rest is checked.
    candidates = (qs.annotate(floor=ExpressionWrapper(F("written_date") + dt.timedelta(days=limit),
                                                      output_field=DateField()))
                  .filter(publish_date__gt=F("floor")).only("id", "title", "written_date", "publish_date")
                  .order_by("publish_date", "id"))
    deadlines, records = {}, []
    for d in candidates.iterator(chunk_size=1000):
        deadline = deadlines.get(d.written_date)
        if deadline is None:
            deadline = deadlines[d.written_date] = add_workdays(d.written_date, limit).date
        if d.publish_date > deadline:
            records.append((f"{d.title}（成文 {d.written_date}，发布 {d.publish_date}，期限 {deadline}）",
                            reverse("portal:document", args=[d.pk])))
    return {"numerator": len(records), "denominator": qs.count(), "records": records}


def _policies(agency_ids, start, end):
    return (_published(agency_ids).filter(category__in=POLICY_CATEGORIES, publish_date__gte=start,
                                          publish_date__lte=end).only("id", "title", "publish_date"))


def _first_interpretation(policy_ids) -> dict:
    """policy id -> the earliest 发布日期 of a published 解读 of it. The 解读 links are few next to the
    documents: they are read whole (no join), then their sources' dates by primary key in chunks. (A
    long IN list over the relation/document join took 44 s on SQLite at 100,000 documents, and the
    join without it planned badly on PostgreSQL right after a bulk load.)"""
    wanted = set(policy_ids)
    links = [(t, src) for t, src in DocumentRelation.objects.filter(kind=RelationKind.INTERPRETS).order_by()
             .values_list("target_id", "source_id") if t in wanted]
    sources, dates = sorted({src for _t, src in links}), {}
    for i in range(0, len(sources), 900):
        dates.update(Document.objects.filter(pk__in=sources[i:i + 900], status=Status.PUBLISHED)
                     .values_list("pk", "publish_date"))
    first = {}
    for target, src in links:
        day = dates.get(src)
        if day is not None and (target not in first or day < first[target]):
            first[target] = day
    return first


def interpretation_coverage(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """规章 and 行政规范性文件 published in the period that have a published 解读 (numerator) / all of them."""
    policies = list(_policies(agency_ids, start, end).order_by("publish_date", "id"))
    first = _first_interpretation([p.pk for p in policies])
    records = [(f"{p.title}（{p.publish_date} 发布，无解读）", reverse("portal:document", args=[p.pk]))
               for p in policies if p.pk not in first]
    return {"numerator": len(policies) - len(records), "denominator": len(policies), "records": records}


def interpretation_timely(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Of the policies published in the period that have a 解读: those whose first 解读 came within
    INTERPRETATION_WORKDAYS working days of the policy (numerator) / all of them."""
    n = int(settings.GONGKAI.get("INTERPRETATION_WORKDAYS", 3))
    policies = list(_policies(agency_ids, start, end).order_by("publish_date", "id"))
    first = _first_interpretation([p.pk for p in policies])
    records, total = [], 0
    for p in policies:
        if p.pk not in first or first[p.pk] is None:
            continue
        total += 1
        deadline = add_workdays(p.publish_date, n).date
        if first[p.pk] > deadline:
            records.append((f"{p.title}（{p.publish_date} 发布，解读 {first[p.pk]}，期限 {deadline}）",
                            reverse("portal:document", args=[p.pk])))
    return {"numerator": total - len(records), "denominator": total, "records": records}


def expired_still_valid(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Published documents marked 有效 whose 废止或失效日期 is before `end` (numerator) / the published
    documents marked 有效 that carry such a date."""
    qs = _published(agency_ids).filter(validity=Validity.VALID, expiry_date__isnull=False)
    late = qs.filter(expiry_date__lt=end).only("id", "title", "expiry_date").order_by("expiry_date", "id")
    records = [(f"{d.title}（失效日期 {d.expiry_date}，仍标“有效”）", reverse("portal:document", args=[d.pk]))
               for d in late]
    return {"numerator": len(records), "denominator": qs.count(), "records": records}


def attachments_missing(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Attachments of published documents whose file is missing on storage (numerator) / all of them."""
    qs = Attachment.objects.filter(document__status=Status.PUBLISHED)
    if agency_ids is not None:
        qs = qs.filter(document__agency_id__in=agency_ids)
    total, records = 0, []
    for a in qs.select_related("document").only("id", "file", "original_name", "document__id", "document__title") \
            .order_by("id").iterator(chunk_size=1000):
        total += 1
        if not a.file.name or not default_storage.exists(a.file.name):
            records.append((f"{a.document.title}：附件“{a.original_name}”文件缺失",
                            reverse("portal:document", args=[a.document_id])))
    return {"numerator": len(records), "denominator": total, "records": records}


_HREF_RE = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"'#]+)""", re.I)


def _link_broken(path: str) -> bool:
    """True when a link to this site's own `path` leads nowhere: a document page that is not public,
    a media file missing on storage, or a path no URL pattern serves."""
    from django.urls import Resolver404, resolve

    m = re.fullmatch(r"/doc/(\d+)/?", path)
    if m:
        return not _published(None).filter(pk=int(m.group(1))).exists()
    media = settings.MEDIA_URL or "/media/"
    if path.startswith(media):
        return not default_storage.exists(path[len(media):])
    try:
        resolve(path)
    except Resolver404:
        return True
    return False


def links_broken(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Links inside published documents' bodies to this site's own pages and files that lead nowhere
    (numerator) / all such links. Links to other sites are not counted: checking them needs the
    network, which this rule never uses."""
    site = urlsplit(getattr(settings, "SITE_URL", "") or "").netloc.lower()
    total, records, seen = 0, [], {}
    for d in _published(agency_ids).only("id", "title", "body_html").order_by("id").iterator(chunk_size=500):
        for href in _HREF_RE.findall(d.body_html or ""):
            parts = urlsplit(href.strip())
            if parts.scheme and parts.scheme not in ("http", "https"):
                continue  # mailto:, tel:
            if parts.netloc and parts.netloc.lower() != site:
                continue  # another site
            if not parts.path.startswith("/"):
                continue
            total += 1
            broken = seen.get(parts.path)
            if broken is None:
                broken = seen[parts.path] = _link_broken(parts.path)
            if broken:
                records.append((f"{d.title}：链接“{parts.path}”无法访问", reverse("portal:document", args=[d.pk])))
    return {"numerator": len(records), "denominator": total, "records": records}
