"""Reads of the consultations app. Staff reads are scoped to the user's agencies."""
from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.workdays.calendar import add_workdays

from .models import Comment, Consultation, ConsultationStatus, Phase



def feedback_workdays() -> int:
    """Working days after the close by which the feedback report is due (GONGKAI setting, default 20)."""
    return int(getattr(settings, "GONGKAI", {}).get("CONSULTATION_FEEDBACK_WORKDAYS", 20))


def consultation_list_public(*, phase: str = "", today=None):
    """Published consultations; `phase` narrows to open / closed / feedback (computed from dates)."""
    today = today or timezone.localdate()
    qs = (Consultation.objects.filter(status=ConsultationStatus.PUBLISHED)
          .select_related("agency", "feedback").order_by("-start_date", "-id"))
    feedback_out = Q(feedback__status="published")
    if phase == Phase.OPEN:
        qs = qs.filter(start_date__lte=today, end_date__gte=today).exclude(feedback_out)
    elif phase == Phase.CLOSED:
        qs = qs.filter(end_date__lt=today).exclude(feedback_out)
    elif phase == Phase.FEEDBACK:
        qs = qs.filter(feedback_out)
    elif phase == Phase.UPCOMING:
        qs = qs.filter(start_date__gt=today)
    return qs


def consultation_get_public(*, pk) -> Consultation:
    c = (Consultation.objects.filter(pk=pk, status=ConsultationStatus.PUBLISHED)
         .select_related("agency", "notice", "feedback", "final_document").first())
    if c is None:
        raise Http404
    return c


def consultations_for_document(*, document, limit: int = 5) -> list:
    """Published consultations whose notice, feedback or final document `document` is (one query)."""
    return list(Consultation.objects.filter(Q(notice=document) | Q(feedback=document) | Q(final_document=document),
                                            status=ConsultationStatus.PUBLISHED)
                .select_related("feedback").order_by("-start_date", "-id")[:limit])


def comments_public(*, consultation):
    return consultation.comments.filter(is_public=True).select_related("article")


def consultation_list_for_user(*, user):
    return (Consultation.objects.filter(agency_id__in=agency_ids_for_user(user=user))
            .select_related("agency").annotate(n_comments=Count("comments"),
                                               n_pending=Count("comments", filter=Q(comments__disposition="")))
            .order_by("-start_date", "-id"))


def consultation_get_for_user(*, user, pk) -> Consultation:
    c = Consultation.objects.filter(pk=pk, agency_id__in=agency_ids_for_user(user=user)).first()
    if c is None:
        raise Http404
    return c


def ledger_for_user(*, user, consultation, disposition=None):
    """The comments of a consultation the user may see, alike ones together (a queryset to page)."""
    consultation_get_for_user(user=user, pk=consultation.pk)
    qs = consultation.comments.select_related("article")
    if disposition is not None:
        qs = qs.filter(disposition=disposition)
    return qs.order_by("group_key", "received_at", "id")


def ledger_rows(*, consultation, rows) -> list:
    """`rows` (one page of the ledger) with `group_size` set on each: how many alike comments."""
    rows = list(rows)
    sizes = dict(consultation.comments.filter(group_key__in={r.group_key for r in rows})
                 .values_list("group_key").annotate(n=Count("id")).order_by())
    for row in rows:
        row.group_size = sizes.get(row.group_key, 1)
    return rows


def feedback_due(*, consultation, workdays: int | None = None):
    """The day by which the feedback report should be published (N working days after the close)."""
    return add_workdays(consultation.end_date, workdays or feedback_workdays()).date


def feedback_overdue(*, today=None, agency_ids=None, workdays: int | None = None) -> list:
    """Closed consultations whose feedback is not published by its due day: [(consultation, due)]."""
    today = today or timezone.localdate()
    qs = (Consultation.objects.filter(status=ConsultationStatus.PUBLISHED, end_date__lt=today)
          .exclude(feedback__status="published").select_related("agency"))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    out = []
    for c in qs:
        due = feedback_due(consultation=c, workdays=workdays)
        if due < today:
            out.append((c, due))
    return out


def final_document_for_user(*, user, index_no: str):
    """A catalog document of the user's agencies by its 索引号 (to link as a consultation's final document)."""
    from gongkai.catalog.models import Document

    index_no = (index_no or "").strip()
    if not index_no:
        return None
    return Document.objects.filter(index_no=index_no, agency_id__in=agency_ids_for_user(user=user)).first()


def comment_by_receipt(*, receipt_no: str):
    return Comment.objects.filter(receipt_no=receipt_no.strip()).select_related("consultation").first()
