"""Tasks that name information to publish, and the catalog items published under the matching 主题分类
(or 信息类别, or title words) by the task's units in the plan's year.

Each topic: the words in a task's 工作内容 that name it, the 主题分类 names, 信息类别 and title words a
published document must carry to count."""
import datetime as dt

from django.db.models import BooleanField, Case, Q, Value, When

TOPICS = {
    "budget": {"label": "财政预决算", "words": ("预决算", "预算", "决算", "三公经费"),
               "subjects": ("财政",), "categories": (), "titles": ("预算", "决算")},
    "projects": {"label": "重大建设项目", "words": ("重大建设项目", "建设项目"),
                 "subjects": ("重大建设项目",), "categories": (), "titles": ("建设项目",)},
    "proposals": {"label": "建议提案办理结果", "words": ("建议和提案", "建议提案", "提案办理", "建议办理"),
                  "subjects": (), "categories": (), "titles": ("建议的答复", "提案的答复", "建议答复", "提案答复",
                                                              "建议办理", "提案办理")},
    "normative": {"label": "规范性文件", "words": ("规范性文件",), "subjects": (), "categories": ("normative",),
                  "titles": ()},
    "interpretation": {"label": "政策解读", "words": ("政策解读", "解读"), "subjects": (),
                       "categories": ("interpretation",), "titles": ("解读",)},
    "powers": {"label": "权责清单", "words": ("权责清单",), "subjects": (), "categories": (), "titles": ("权责清单",)},
    "inspection": {"label": "双随机、一公开", "words": ("双随机",), "subjects": (), "categories": (),
                   "titles": ("双随机",)},
    "annual_report": {"label": "政府信息公开年报", "words": ("年度报告", "年报"), "subjects": (),
                      "categories": ("annual_report",), "titles": ()},
}


def topics_for(content: str) -> list[str]:
    return [code for code, topic in TOPICS.items() if any(w in (content or "") for w in topic["words"])]


def topic_labels(codes) -> list[str]:
    return [TOPICS[c]["label"] for c in codes if c in TOPICS]


def topic_query(code: str) -> Q:
    topic = TOPICS[code]
    q = Q(pk__in=[])
    for name in topic["subjects"]:
        q |= Q(subject__name=name) | Q(subject__parent__name=name) | Q(subject_label__contains=name)
    if topic["categories"]:
        q |= Q(category__in=topic["categories"])
    for word in topic["titles"]:
        q |= Q(title__contains=word)
    return q


def task_period(task) -> tuple[dt.date, dt.date]:
    """From the plan's year start to the task's due date (or the year end)."""
    year = task.plan.year
    return dt.date(year, 1, 1), max(task.due or dt.date(year, 12, 31), dt.date(year, 12, 31))


def _topic_rows(model, document_qs):
    """(document id, topic, agency id, publish date) for the published documents of `document_qs`
    that match each topic: one query per topic with the same conditions the pages used to run."""
    from gongkai.catalog.models import Status

    for code in TOPICS:
        for pk, agency_id, day in (document_qs.filter(topic_query(code), status=Status.PUBLISHED,
                                                      publish_date__isnull=False)
                                   .values_list("pk", "agency_id", "publish_date").distinct().iterator()):
            yield model(document_id=pk, topic=code, agency_id=agency_id, publish_date=day)


def topics_sync(*, document) -> None:
    """Bring one document's topic rows in step with it (published or not, retitled, reclassified)."""
    from gongkai.catalog.models import Document

    from .models import DocumentTopic

    from gongkai.catalog.models import Status

    DocumentTopic.objects.filter(document_id=document.pk).delete()
    # One query for every topic (each a CASE over the same conditions as `topic_query`), not one per topic.
    row = (Document.objects.filter(pk=document.pk, status=Status.PUBLISHED, publish_date__isnull=False)
           .annotate(**{f"topic_{code}": Case(When(topic_query(code), then=Value(True)), default=Value(False),
                                              output_field=BooleanField()) for code in TOPICS})
           .values("agency_id", "publish_date", *(f"topic_{code}" for code in TOPICS)).first())
    if row:
        DocumentTopic.objects.bulk_create(
            DocumentTopic(document_id=document.pk, topic=code, agency_id=row["agency_id"],
                          publish_date=row["publish_date"]) for code in TOPICS if row[f"topic_{code}"])


def topics_rebuild(*, document_model=None, topic_model=None) -> int:
    """Refill the whole table (a migration passes its historical models)."""
    if document_model is None:
        from gongkai.catalog.models import Document as document_model
        from .models import DocumentTopic as topic_model
    topic_model.objects.all().delete()
    rows, n = [], 0
    for row in _topic_rows(topic_model, document_model.objects.all()):
        rows.append(row)
        if len(rows) >= 5000:
            topic_model.objects.bulk_create(rows, ignore_conflicts=True)
            n, rows = n + len(rows), []
    topic_model.objects.bulk_create(rows, ignore_conflicts=True)
    return n + len(rows)


def _evidence(codes, agency_ids, start, end, limit):
    from gongkai.catalog.models import Document, Status

    from .models import DocumentTopic

    ids = list(DocumentTopic.objects.filter(topic__in=codes, agency_id__in=agency_ids, publish_date__gte=start,
                                            publish_date__lte=end)
               .order_by("-publish_date", "-document_id").values_list("document_id", flat=True)[:limit * 2])
    return list(Document.objects.filter(pk__in=set(ids), status=Status.PUBLISHED)
                .only("id", "title", "publish_date", "agency_id").order_by("-publish_date", "-id")[:limit])


def evidence_documents(*, task, limit: int = 50):
    """Published catalog documents that match the task's topics, by its units, in its period."""
    codes = [c for c in task.topics or () if c in TOPICS]
    if not codes:
        return []
    start, end = task_period(task)
    return _evidence(codes, [u.agency_id for u in task.units.all()], start, end, limit)


def evidence_for_rows(tasks, *, per_task: int = 5) -> None:
    """Set `catalog_evidence` on each task of a page: the newest `per_task` documents of each topic,
    units and period the page holds (an index range each, tasks alike share it), then one query for
    the documents themselves."""
    from gongkai.catalog.models import Document, Status

    from .models import DocumentTopic

    wanted = {}
    for task in tasks:
        task.catalog_evidence = []
        units = frozenset(u.agency_id for u in task.units.all())
        for code in task.topics or ():
            if code in TOPICS and units:
                wanted.setdefault((code, units, *task_period(task)), []).append(task)
    found = {key: list(DocumentTopic.objects.filter(topic=key[0], agency_id__in=key[1], publish_date__gte=key[2],
                                                    publish_date__lte=key[3])
                       .order_by("-publish_date", "-document_id").values_list("document_id", flat=True)[:per_task])
             for key in wanted}
    docs = Document.objects.filter(pk__in={pk for ids in found.values() for pk in ids}, status=Status.PUBLISHED)
    docs = {d.pk: d for d in docs.only("id", "title", "publish_date", "agency_id")}
    for key, group in wanted.items():
        for task in group:
            seen = {d.pk for d in task.catalog_evidence}
            task.catalog_evidence += [docs[pk] for pk in found[key] if pk in docs and pk not in seen]
    for task in tasks:
        task.catalog_evidence = sorted(task.catalog_evidence, key=lambda d: (d.publish_date, d.pk),
                                       reverse=True)[:per_task]
