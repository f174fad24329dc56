"""测评 rules over 依申请公开 cases (imported by dotted path by the assessment engine).
Each rule: fn(*, agency_ids, start, end) -> {"numerator", "denominator", "records"}; records are
(label, url) of the cases that count against the figure."""
import datetime as dt

from django.urls import reverse

from .models import OPEN_STATUSES, Appeal, AppealResult, Case


def _cases(agency_ids):
    qs = Case.objects.all()
    return qs if agency_ids is None else qs.filter(agency_id__in=agency_ids)


def replies_on_time(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Cases closed in the period by their 答复期限, over the cases closed in the period plus the open
    ones whose 答复期限 passed in the period."""
    closed = _cases(agency_ids).filter(closed_date__gte=start, closed_date__lte=end, due_date__isnull=False)
    late_open = _cases(agency_ids).filter(status__in=OPEN_STATUSES, due_date__gte=start, due_date__lt=end)
    records, numerator, total = [], 0, 0
    for c in closed.only("id", "tracking_no", "closed_date", "due_date").order_by("closed_date", "id"):
        total += 1
        if c.closed_date <= c.due_date:
            numerator += 1
        else:
            records.append((f"{c.tracking_no}：{c.closed_date} 答复，期限 {c.due_date}",
                            reverse("foi_staff:case", args=[c.pk])))
    for c in late_open.only("id", "tracking_no", "due_date").order_by("due_date", "id"):
        total += 1
        records.append((f"{c.tracking_no}：期限 {c.due_date}，尚未答复", reverse("foi_staff:case", args=[c.pk])))
    return {"numerator": numerator, "denominator": total, "records": records}


def appeals_corrected(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """行政复议 and 行政诉讼 decided in the period whose result was 纠正 (numerator) / all decided."""
    qs = (Appeal.objects.filter(decided_date__gte=start, decided_date__lte=end)
          .exclude(result=AppealResult.PENDING).select_related("case"))
    if agency_ids is not None:
        qs = qs.filter(case__agency_id__in=agency_ids)
    records, total = [], 0
    for a in qs.order_by("decided_date", "id"):
        total += 1
        if a.result == AppealResult.CORRECTED:
            records.append((f"{a.case.tracking_no}：{a.get_kind_display()} {a.decided_date} 结果纠正",
                            reverse("foi_staff:case", args=[a.case_id])))
    return {"numerator": len(records), "denominator": total, "records": records}
