"""测评 rules over 意见征集 (imported by dotted path by the assessment engine).
Each rule: fn(*, agency_ids, start, end) -> {"numerator", "denominator", "records"}."""
import datetime as dt

from django.urls import reverse

from .models import Consultation, ConsultationStatus
from .selectors import feedback_due


def feedback_published(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Consultations whose feedback was due in the period (N working days after the close) and whose
    意见采纳情况反馈 was published by then (numerator) / all of them."""
    qs = (Consultation.objects.filter(status=ConsultationStatus.PUBLISHED, end_date__lte=end)
          .select_related("feedback"))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    numerator, records, total = 0, [], 0
    for c in qs.order_by("end_date", "id"):
        due = feedback_due(consultation=c)
        if not start <= due <= end:
            continue
        total += 1
        fb = c.feedback
        if fb is not None and fb.status == "published" and fb.publish_date and fb.publish_date <= due:
            numerator += 1
        else:
            state = f"{fb.publish_date} 公开" if fb is not None and fb.status == "published" else "未公开"
            records.append((f"{c.title}（反馈期限 {due}，{state}）", reverse("consultations_staff:detail", args=[c.pk])))
    return {"numerator": numerator, "denominator": total, "records": records}
