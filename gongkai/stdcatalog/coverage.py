"""Coverage ★: for each 事项 of a published 本级标准目录, over a window [start, end]: what must be
published, what is, what is late and what is missing.

A document counts for an 事项 when it is bound by hand (`Binding`) or, when the 事项 names a 主题分类,
when its 主题分类 is that one (or under it) and — if the 事项 lists keywords — its title or 主题词
contains one of them (both through `core.text.normalize`). Only published documents of the catalog's
agency and its subtree, published on or before `end`, count. The day information was formed is the
document's 成文日期 (its 发布日期 when it has none).

Per 事项 (see timelimits.py for the rules):
- 依申请 事项 are not required.
- clocked rules (n 个工作日 / n 日 / 实时): missing when no document counts; late when a document formed in
  the window was published after its due day (`workdays.calendar` for 工作日); else on time.
- `annual` (每年X月底前): each year whose due day is in the window needs a document published that year:
  none → missing, only after the due day → late.
- `periodic` (每月/每季度/…): every period ending in the window needs a document published in it; a
  period without one → missing.
- `prompt`, `standing`, `unknown`, `none`: missing when no document counts, else on time.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from gongkai.catalog.models import Document, Status
from gongkai.core.text import normalize

from .models import Binding, CatalogStatus, Entry, LocalCatalog, Mode
from .timelimits import PERIOD_LABELS, parse, periods_ended

OK, LATE, MISSING, NOT_REQUIRED = "ok", "late", "missing", "not_required"
STATUS_LABELS = {OK: "按时公开", LATE: "超期公开", MISSING: "应公开未公开", NOT_REQUIRED: "依申请公开（不计）"}


@dataclass
class EntryCoverage:
    entry: Entry
    status: str
    documents: list = field(default_factory=list)  # counted documents, newest first
    late: list = field(default_factory=list)  # (document, due date)
    missing_periods: list = field(default_factory=list)  # (first, last)
    rule: str = ""

    @property
    def latest(self):
        return self.documents[0] if self.documents else None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def detail(self) -> str:
        if self.status == LATE:
            return "；".join(f"《{d.title}》成文{_formed(d):%Y-%m-%d}，应于{due:%Y-%m-%d}前公开，"
                            f"实际{d.publish_date:%Y-%m-%d}" for d, due in self.late)
        if self.status == MISSING and self.missing_periods:
            return "；".join(f"{a:%Y-%m-%d}至{b:%Y-%m-%d}无公开信息" for a, b in self.missing_periods)
        if self.status == MISSING:
            return "尚无对应的公开信息"
        return self.label


def _formed(document) -> dt.date:
    return document.written_date or document.publish_date


def _matches(entry: Entry, document, topic_ids: set) -> bool:
    if entry.topic_id is None or document.subject_id not in topic_ids:
        return False
    words = [normalize(k) for k in entry.keyword_list()]
    if not words:
        return True
    text = normalize(f"{document.title} {document.keywords}")
    return any(w in text for w in words)


def entry_coverage(entry: Entry, documents: list, bound_ids: set, topic_ids: set, start: dt.date,
                   end: dt.date, cache: dict | None = None) -> EntryCoverage:
    rule = parse(entry.time_limit)
    if entry.mode == Mode.ON_REQUEST:
        return EntryCoverage(entry, NOT_REQUIRED, rule=rule.describe())
    counted = sorted((d for d in documents if d.pk in bound_ids or _matches(entry, d, topic_ids)),
                     key=lambda d: (d.publish_date, d.pk), reverse=True)
    result = EntryCoverage(entry, OK, documents=counted, rule=rule.describe())
    if rule.kind == "periodic":
        for first, last in periods_ended(rule.period, start, end):
            if not any(first <= d.publish_date <= last for d in counted):
                result.missing_periods.append((first, last))
        result.status = MISSING if result.missing_periods else OK
        return result
    if not counted:
        result.status = MISSING
        return result
    if rule.kind == "annual":
        for year in range(start.year, end.year + 1):
            due = rule.annual_due(year)
            if not start <= due <= end:
                continue
            that_year = [d for d in counted if d.publish_date.year == year]
            if not that_year:
                result.missing_periods.append((dt.date(year, 1, 1), due))
            elif not any(d.publish_date <= due for d in that_year):
                result.late.extend((d, due) for d in that_year)
        result.status = MISSING if result.missing_periods else LATE if result.late else OK
        return result
    if rule.clocked:
        for d in counted:
            formed = _formed(d)
            if start <= formed <= end:
                key = (rule.kind, rule.n, formed)
                due = cache.get(key) if cache is not None else None
                if due is None:
                    due = rule.due(formed)
                    if cache is not None:
                        cache[key] = due
                if d.publish_date > due:
                    result.late.append((d, due))
        result.status = LATE if result.late else OK
    return result


def _subtree_ids(agency) -> set:
    from gongkai.agencies.models import Agency

    return set(Agency.objects.filter(path__startswith=agency.path).values_list("id", flat=True))


def _topic_ids(topic_id) -> set:
    if topic_id is None:
        return set()
    from gongkai.catalog.models import Subject

    return {topic_id} | set(Subject.objects.filter(parent_id=topic_id).values_list("id", flat=True))


def catalog_coverage(catalog: LocalCatalog, *, start: dt.date, end: dt.date, cache: dict | None = None) -> list:
    """EntryCoverage for every 事项 of one catalog, in list order. `cache` (a dict the caller keeps for
    one computation over many catalogs) holds due dates and 主题分类 subtrees already looked up."""
    cache = {} if cache is None else cache
    entries = list(catalog.entries.order_by("position", "id"))
    bound = {}
    for entry_id, document_id in Binding.objects.filter(entry__catalog=catalog).values_list("entry_id", "document_id"):
        bound.setdefault(entry_id, set()).add(document_id)
    topic_ids = {e.topic_id for e in entries if e.topic_id}
    documents = list(Document.objects.filter(
        Q(subject_id__in=set().union(*(_cached_topics(t, cache) for t in topic_ids)))
        | Q(pk__in={d for ids in bound.values() for d in ids}),
        agency_id__in=_subtree_ids(catalog.agency), status=Status.PUBLISHED, publish_date__isnull=False,
        publish_date__lte=end).order_by().only("id", "title", "keywords", "subject_id", "written_date", "publish_date",
                                    "agency_id", "index_no"))
    topics = {t: _cached_topics(t, cache) for t in topic_ids}
    return [entry_coverage(e, documents, bound.get(e.pk, set()), topics.get(e.topic_id, set()), start, end, cache)
            for e in entries]


def _cached_topics(topic_id, cache: dict) -> set:
    key = ("topic", topic_id)
    if key not in cache:
        cache[key] = _topic_ids(topic_id)
    return cache[key]


def summary(rows: list) -> dict:
    counts = {k: 0 for k in STATUS_LABELS}
    for r in rows:
        counts[r.status] += 1
    required = len(rows) - counts[NOT_REQUIRED]
    return {"required": required, "published": counts[OK] + counts[LATE], "on_time": counts[OK],
            "late": counts[LATE], "missing": counts[MISSING]}


def published_catalogs(agency_ids=None):
    qs = LocalCatalog.objects.filter(status=CatalogStatus.PUBLISHED).select_related("agency")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs


__all__ = ["catalog_coverage", "entry_coverage", "summary", "published_catalogs", "STATUS_LABELS", "PERIOD_LABELS"]
