"""Tasks that name information to publish, and the catalog items published under the matching 主题分类
(or 信息类别, or title words) by the task's units in the plan's year.

Each topic: the words in a task's 工作内容 that name it, the 主题分类 names, 信息类别 and title words a
published document must carry to count."""
import datetime as dt

from django.db.models import Q

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


def evidence_documents(*, task, limit: int = 50):
    """Published catalog documents that match the task's topics, by its units, in its period."""
    from gongkai.catalog.models import Document, Status

    if not task.topics:
        return Document.objects.none()
    q = Q(pk__in=[])
    for code in task.topics:
        if code in TOPICS:
            q |= topic_query(code)
    start, end = task_period(task)
    agency_ids = [u.agency_id for u in task.units.all()]
    return (Document.objects.filter(q, status=Status.PUBLISHED, agency_id__in=agency_ids,
                                    publish_date__gte=start, publish_date__lte=end)
            .only("id", "title", "publish_date", "agency_id").order_by("-publish_date", "-id")[:limit])


def evidence_for_rows(tasks, *, per_task: int = 5) -> None:
    """Set `catalog_evidence` on each task of a page: one query per topic on the page, not per task."""
    from gongkai.catalog.models import Document, Status

    by_topic = {}
    for task in tasks:
        task.catalog_evidence = []
        for code in task.topics or ():
            if code in TOPICS:
                by_topic.setdefault(code, []).append(task)
    for code, group in by_topic.items():
        agency_ids = {u.agency_id for t in group for u in t.units.all()}
        periods = [task_period(t) for t in group]
        docs = list(Document.objects.filter(topic_query(code), status=Status.PUBLISHED, agency_id__in=agency_ids,
                                            publish_date__gte=min(p[0] for p in periods),
                                            publish_date__lte=max(p[1] for p in periods))
                    .only("id", "title", "publish_date", "agency_id").order_by("-publish_date", "-id")[:500])
        for task, (start, end) in zip(group, periods):
            units = {u.agency_id for u in task.units.all()}
            seen = {d.pk for d in task.catalog_evidence}
            task.catalog_evidence += [d for d in docs if d.agency_id in units and start <= d.publish_date <= end
                                      and d.pk not in seen][:per_task]
