"""Public 工作要点落实情况 pages."""
from django.shortcuts import render
from django.utils import timezone

from gongkai.core.params import int_param

from .evidence import evidence_for_rows, topic_labels
from .models import Level
from .selectors import plan_years_public, plans_public


def progress(request, year=None):
    years = plan_years_public()
    year = year or (years[0] if years else timezone.localdate().year)
    page = int_param(request.GET.get("page"), name="page", default=1, maximum=10000)
    plans, pages = plans_public(year=year, page=page)
    for plan in plans:
        for task in plan.task_rows:
            task.is_item = task.level == Level.ITEM
            task.topic_names = topic_labels(task.topics)
            task.lead_names = "、".join(u.agency.name for u in task.units.all() if u.role == "lead")
            task.assist_names = "、".join(u.agency.name for u in task.units.all() if u.role == "assist")
        evidence_for_rows([t for t in plan.task_rows if t.is_item])
        for task in plan.task_rows:
            if not task.is_item:
                continue
            reported = [d for r in task.reports.all() for d in r.documents.all() if d.status == "published"]
            task.evidence = reported + [d for d in task.catalog_evidence if d.pk not in {r.pk for r in reported}]
    return render(request, "oversight/progress.html", {"years": years, "year": year, "plans": plans,
                                                      "page": page, "pages": pages})
