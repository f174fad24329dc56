"""What follows an answer: 行政复议 and 行政诉讼 brought over a case, and information disclosed on
application turned into a catalog draft (条例 Art. 44)."""
import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record
from gongkai.core.errors import TransitionError, UserFacingError

from ..models import Appeal, AppealKind, AppealResult, Case, EventKind, Outcome
from ..transitions import OFFICE_ROLES
from .common import _check_role, _event, today


@transaction.atomic
def appeal_add(*, case, actor, kind: str, filed_date: dt.date, body: str = "", reference: str = "",
               result: str = AppealResult.PENDING, decided_date: dt.date | None = None, note: str = "") -> Appeal:
    """Record a 行政复议 or 行政诉讼 brought over `case`."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_role(actor, case.agency, OFFICE_ROLES)
    if kind not in AppealKind.values:
        raise UserFacingError(_("请选择复议或诉讼类型。"))
    if result not in AppealResult.values:
        raise UserFacingError(_("请选择结果。"))
    if result != AppealResult.PENDING and decided_date is None:
        raise UserFacingError(_("已审结的案件请填写审结日期。"))
    appeal = Appeal.objects.create(case=case, kind=kind, result=result, filed_date=filed_date,
                                   decided_date=decided_date, body=body, reference=reference, note=note)
    audit_record(actor=actor, action="foi.appeal_add", obj=case, to_state=result,
                 data={"appeal": appeal.pk, "kind": kind, "filed": filed_date})
    return appeal


@transaction.atomic
def appeal_update(*, appeal, actor, result: str, decided_date: dt.date | None = None, note: str = "") -> Appeal:
    appeal = Appeal.objects.select_for_update().select_related("case__agency").get(pk=appeal.pk)
    _check_role(actor, appeal.case.agency, OFFICE_ROLES)
    if result not in AppealResult.values:
        raise UserFacingError(_("请选择结果。"))
    if result != AppealResult.PENDING and decided_date is None:
        raise UserFacingError(_("已审结的案件请填写审结日期。"))
    before = appeal.result
    appeal.result, appeal.decided_date = result, decided_date
    if note:
        appeal.note = note
    appeal.save()
    audit_record(actor=actor, action="foi.appeal_update", obj=appeal.case, from_state=before, to_state=result,
                 data={"appeal": appeal.pk})
    return appeal


@transaction.atomic
def case_publish_proactively(*, case, actor, title: str, body_html: str):
    """条例 Art. 44: create a catalog draft of information disclosed on application."""
    from gongkai.catalog.services import document_create

    case = Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
    _check_role(actor, case.agency, OFFICE_ROLES)
    if case.outcome not in (Outcome.GRANTED, Outcome.PARTIAL):
        raise TransitionError(_("只有予以公开或部分公开的信息才能转为主动公开。"))
    if not (title or "").strip():
        raise UserFacingError(_("请填写文件名称。"))
    document = document_create(agency=case.agency, actor=actor, title=title.strip(), body_html=body_html or "",
                               source_name=_("依申请公开转主动公开（%(no)s）") % {"no": case.tracking_no})
    _event(case, EventKind.PUBLISHED, today(), actor, {"document": document.pk})
    audit_record(actor=actor, action="foi.publish_proactively", obj=case, data={"document": document.pk})
    return document
