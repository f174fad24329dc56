"""Every write to 依申请公开 cases. Each runs in a transaction, locks the case row, checks the actor's
role for the case's agency and leaves an audit row. `actor=None` is the system (demo data, tasks).

The status of a case changes only in `case_transition`. Due dates are never written by hand: they
are derived from the case's events by clock.py in `case_recompute`.
"""
import datetime as dt
import hashlib
import logging
import re
import secrets
import smtplib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.codes import clean_code, uscc_problem
from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.core.people import person_name
from gongkai.core.querycode import query_code_check, query_code_hash, query_code_new
from gongkai.core.queue import task_enqueue
from gongkai.core.text import nfkc

from . import disclosure, notices
from gongkai.workdays.calendar import add_workdays

from .clock import CONSULTATION_WORKDAYS, ClockError, ClockEvent, clock_compute
from .fees import fee_compute
from .models import (Appeal, AppealKind, AppealResult, ApplicantKind, Case, CaseEvent, Channel,
                     CLOCK_STATUSES, ConsultationKind, Delivery, EventKind, FeeMethod, IdType, InfoForm,
                     Notice, NoticeKind, NoticeStatus, NoticeTemplate, Outcome, Status)
from .outcomes import outcome_basis
from .selectors import applicant_notices
from .signals import case_changed, notice_issued
from .transitions import OFFICE_ROLES, TRANSITIONS
from .validators import (id_number_normalize, id_number_problem, identity_file_problem, phone_normalize,
                         phone_problem, sniff_identity_file)

logger = logging.getLogger(__name__)

APPLICANT_FIELDS = (
    "applicant_kind", "applicant_name", "id_type", "id_number", "org_code", "legal_representative",
    "contact_name", "phone", "email", "address", "postal_code", "info_title", "info_doc_no",
    "info_description", "info_form", "delivery",
)


# --- helpers -----------------------------------------------------------------------------------

def today() -> dt.date:
    return timezone.localdate()


def _check_role(actor, agency, roles):
    if actor is None:
        return
    if not user_has_role(user=actor, agency=agency, roles=roles):
        raise PermissionDeniedError(_("您没有为“%(agency)s”执行此操作的权限。") % {"agency": agency.name})


def query_code_matches(case, code: str) -> bool:
    return query_code_check(case.query_code_hash, code)


def _tracking_no_new(day: dt.date) -> str:
    while True:
        number = f"YSQ{day:%Y%m%d}{secrets.randbelow(10**5):05d}"
        if not Case.objects.filter(tracking_no=number).exists():
            return number


def applicant_key(*, kind, id_number="", org_code="", name="", phone="") -> str:
    """Identify one applicant across applications (for the per-month 按件 count)."""
    if kind == ApplicantKind.NATURAL_PERSON and id_number:
        basis = "id:" + id_number_normalize(id_number)
    elif org_code:
        basis = "org:" + clean_code(org_code)
    else:
        basis = f"name:{name.strip()}|{phone_normalize(phone)}"
    return hashlib.sha256(basis.encode()).hexdigest()


def _clean_fields(fields: dict, *, identity_file=None) -> dict:
    """Validate and normalise applicant input; raise UserFacingError with a Chinese message."""
    unknown = set(fields) - set(APPLICANT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    kind = data.get("applicant_kind") or ""
    if kind not in ApplicantKind.values:
        raise UserFacingError(_("请选择申请人类型。"))
    if not data.get("applicant_name"):
        raise UserFacingError(_("请填写申请人姓名或名称。"))
    if not data.get("info_description"):
        raise UserFacingError(_("请描述所需政府信息。"))
    problem = phone_problem(data.get("phone", ""))
    if problem:
        raise UserFacingError(problem)
    data["phone"] = phone_normalize(data["phone"])
    if kind == ApplicantKind.NATURAL_PERSON:
        data.setdefault("id_type", IdType.ID_CARD)
        if data["id_type"] == IdType.ID_CARD:
            problem = id_number_problem(data.get("id_number", ""))
            if problem:
                raise UserFacingError(problem)
            data["id_number"] = id_number_normalize(data["id_number"])
        elif not data.get("id_number"):
            raise UserFacingError(_("请填写证件号码。"))
    else:
        code = clean_code(data.get("org_code", ""))
        if not code:
            raise UserFacingError(_("法人或其他组织请填写统一社会信用代码。"))
        problem = uscc_problem(code)
        if problem:
            raise UserFacingError(problem)
        data["org_code"] = code
    for name, choices in (("info_form", InfoForm), ("delivery", Delivery)):
        if data.get(name) and data[name] not in choices.values:
            raise UserFacingError(_("取值无效：%(field)s") % {"field": name})
    if identity_file is not None:
        problem = identity_file_problem(identity_file)
        if problem:
            raise UserFacingError(problem)
    return data


def _review_service():
    """The review app's functions, or None while that app is absent."""
    try:
        from gongkai.review import services
    except ImportError:
        return None
    return services


def _review(text: str, *, context: str) -> dict:
    """Review staff-written text before a notice goes out; refuse when the review blocks it.

    Returns the report with personal values masked (what is stored on the notice).
    """
    review = _review_service()
    if review is None or not text.strip():
        return {}
    report = review.review_text(text=text, context=context)
    if report.verdict == "block":
        raise TransitionError(review.review_message(report))
    return review.masked_report(report)


def review_submitted_text(text: str) -> dict:
    """Review what the public submitted before staff see it: masked report plus a message."""
    review = _review_service()
    if review is None or not (text or "").strip():
        return {}
    report = review.review_text(text=text, context="foi_application")
    data = review.masked_report(report)
    data["message"] = review.review_message(report) if report.verdict != "pass" else ""
    return data


# --- clock -------------------------------------------------------------------------------------

def case_clock(*, case):
    """Run the clock over the case's events (pure; nothing saved)."""
    events = [ClockEvent(e.kind, e.date, e.data) for e in case.events.all()]
    return clock_compute(received=case.received_date, events=events,
                         fee_pauses=settings.GONGKAI.get("FEE_WINDOW_PAUSES_CLOCK", True))


DERIVED = ("due_date", "correction_notice_due", "correction_due", "fee_due", "paused_workdays",
           "extension_workdays", "provisional", "clock_explained")


def case_recompute(*, case, save=True) -> list:
    """Derive the case's deadlines from its events; return the names of fields that changed."""
    if case.received_date is None:
        values = dict.fromkeys(DERIVED[:4]) | {"paused_workdays": 0, "extension_workdays": 0,
                                                "provisional": False, "clock_explained": []}
    else:
        try:
            result = case_clock(case=case)
        except ClockError as exc:
            raise TransitionError(str(exc))
        values = {"due_date": result.due, "correction_notice_due": result.correction_notice_due,
                  "correction_due": result.correction_due, "fee_due": result.fee_due,
                  "paused_workdays": result.paused_workdays, "extension_workdays": result.extension_workdays,
                  "provisional": result.provisional, "clock_explained": result.steps}
    changed = [k for k, v in values.items() if getattr(case, k) != v]
    for k, v in values.items():
        setattr(case, k, v)
    if save and changed:
        case.save(update_fields=[*changed, "updated_at"])
    return changed


def cases_recompute(*, case_ids=None) -> int:
    """Recompute every open case (after a calendar change); return how many changed."""
    qs = Case.objects.filter(status__in=CLOCK_STATUSES)
    if case_ids is not None:
        qs = qs.filter(pk__in=case_ids)
    changed = 0
    for pk in qs.values_list("pk", flat=True):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=pk)
            before = (case.due_date, case.provisional)
            if case_recompute(case=case) and (case.due_date, case.provisional) != before:
                changed += 1
                audit_record(actor=None, action="foi.recompute", obj=case,
                             reason=_("工作日历变更，重新计算期限"),
                             data={"due_before": before[0], "due": case.due_date,
                                   "provisional": case.provisional})
    return changed


# --- creating cases ----------------------------------------------------------------------------

def _case_new(*, agency, data, channel, identity_file, submitted_at, tracking_no=None) -> tuple[Case, str]:
    code = query_code_new()
    if tracking_no:
        tracking_no = nfkc(tracking_no).strip().upper()
        if not re.fullmatch(r"[A-Z0-9-]{4,32}", tracking_no):
            raise UserFacingError(_("申请编号只能由字母、数字和连字符组成（4至32位）。"))
        if Case.objects.filter(tracking_no=tracking_no).exists():
            raise UserFacingError(_("申请编号“%(no)s”已被使用。") % {"no": tracking_no})
    case = Case(agency=agency, channel=channel, submitted_at=submitted_at,
                tracking_no=tracking_no or _tracking_no_new(timezone.localdate(submitted_at)),
                query_code_hash=query_code_hash(code),
                applicant_key=applicant_key(kind=data["applicant_kind"], id_number=data.get("id_number", ""),
                                            org_code=data.get("org_code", ""), name=data["applicant_name"],
                                            phone=data["phone"]),
                **data)
    if identity_file is not None:
        identity_file.seek(0)
        sniffed = sniff_identity_file(identity_file.read(16))
        identity_file.seek(0)
        case.identity_file.save(f"{secrets.token_hex(8)}.{sniffed[1]}", identity_file, save=False)
    case.save()
    return case, code


def case_submit_online(*, agency, fields: dict, identity_file=None) -> tuple[Case, str]:
    """File an application through the portal; the clock starts when the office confirms (Art. 31).
    Refused (in Chinese, with an alert to the 公开办) past the agency's daily ceiling of online ones."""
    from . import intake

    ceiling = intake.online_ceiling()
    if ceiling and intake.online_today(agency=agency) >= ceiling:
        intake.online_ceiling_alert(agency=agency, ceiling=ceiling)  # commits on its own
        raise UserFacingError(intake.ceiling_message(ceiling), code="online_ceiling")
    return _case_submit_online(agency=agency, fields=fields, identity_file=identity_file, ceiling=ceiling)


@transaction.atomic
def _case_submit_online(*, agency, fields: dict, identity_file, ceiling: int) -> tuple[Case, str]:
    from gongkai.agencies.models import Agency

    from . import intake

    agency = Agency.objects.select_for_update().get(pk=agency.pk)  # the ceiling holds under concurrency
    if ceiling and intake.online_today(agency=agency) >= ceiling:
        raise UserFacingError(intake.ceiling_message(ceiling), code="online_ceiling")
    data = _clean_fields(fields, identity_file=identity_file)
    now = timezone.now()
    case, code = _case_new(agency=agency, data=data, channel=Channel.ONLINE, identity_file=identity_file,
                           submitted_at=now)
    CaseEvent.objects.create(case=case, kind=EventKind.SUBMITTED, date=timezone.localdate(now))
    audit_record(actor=None, action="foi.submit", obj=case, to_state=case.status,
                 data={"tracking_no": case.tracking_no, "channel": case.channel})
    return case, code


@transaction.atomic
def case_register(*, agency, actor, channel, received_date: dt.date, fields: dict, identity_file=None,
                  note: str = "", tracking_no: str | None = None) -> tuple[Case, str]:
    """Register an application that arrived by `channel`, received on `received_date` per Art. 31:
    当面 the submission date; 邮寄 the date signed for; 平常信函 the date confirmed with the applicant;
    传真 and 网络 the date both sides confirmed. `tracking_no` keeps an office's own register number."""
    _check_role(actor, agency, OFFICE_ROLES)
    if channel not in Channel.values:
        raise UserFacingError(_("请选择申请方式。"))
    if received_date is None:
        raise UserFacingError(_("请填写收到申请的日期。"))
    if received_date > today():
        raise UserFacingError(_("收到申请的日期不能晚于今天。"))
    data = _clean_fields(fields, identity_file=identity_file)
    submitted_at = timezone.make_aware(dt.datetime.combine(received_date, dt.time(9, 0)))
    case, code = _case_new(agency=agency, data=data, channel=channel, identity_file=identity_file,
                           submitted_at=submitted_at, tracking_no=tracking_no)
    case.status = Status.PROCESSING
    case.received_date = received_date
    case.save(update_fields=["status", "received_date"])
    CaseEvent.objects.create(case=case, kind=EventKind.RECEIVED, date=received_date, note=note,
                             actor=actor if actor is not None and actor.pk else None,
                             data={"channel": channel})
    case_recompute(case=case)
    _notice_issue(case=case, kind=NoticeKind.RECEIPT, actor=actor, issue_date=received_date,
                  extra={"query_code": code})
    audit_record(actor=actor, action="foi.register", obj=case, to_state=case.status,
                 data={"tracking_no": case.tracking_no, "channel": channel, "received_date": received_date})
    return case, code


# --- the one transition function ----------------------------------------------------------------

def _event(case, kind, date, actor, data=None, note=""):
    return CaseEvent.objects.create(case=case, kind=kind, date=date, data=data or {}, note=note or "",
                                    actor=actor if actor is not None and actor.pk else None)


def _notice_issue(*, case, kind, actor, issue_date, extra=None, review_text=""):
    """Record a notice for the action being taken: a pending row holding the facts as of now, and
    the task that renders it (queued for when this transaction commits)."""
    from .tasks import notice_generate_task

    review = _review(review_text, context=f"foi_notice:{kind}") if review_text else {}
    number = notices.notice_number(case, kind, issue_date=issue_date)
    notice = Notice.objects.create(
        case=case, kind=kind, number=number, issue_date=issue_date, review=review,
        context=notices.notice_context(case=case, kind=kind, issue_date=issue_date, number=number, extra=extra),
        created_by=actor if actor is not None and actor.pk else None)
    task_enqueue(notice_generate_task, notice.pk)
    return notice


def notice_generate(*, notice) -> Notice:
    """Render a pending notice, write its .docx to storage, then mark it issued (with an audit row).

    Idempotent: a notice already issued (or failed) is returned unchanged, and the row lock makes
    a second run wait for the first. The file is written before the row that names it commits,
    under a name fixed by the notice number, so a run killed in between leaves nothing that a
    reader can see and the next run overwrites the file it left. A template that cannot be
    rendered marks the notice failed with the reason in Chinese (`notice_retry` tries again).
    """
    try:
        with transaction.atomic():
            notice = Notice.objects.select_for_update().select_related("case").get(pk=notice.pk)
            if notice.status != NoticeStatus.PENDING:
                return notice
            data = notices.notice_render_context(kind=notice.kind, context=notice.context,
                                                 agency_id=notice.case.agency_id)
            notice.file.name = notices.notice_file_write(notice=notice, data=data)
            notice.sha256 = hashlib.sha256(data).hexdigest()
            notice.status, notice.error = NoticeStatus.ISSUED, ""
            if notice.context.get("query_code"):
                # the plain query code is needed only to print the receipt; the case keeps its hash
                notice.context = {**notice.context, "query_code": ""}
            notice.save()
            audit_record(actor=None, action="foi.notice_issue", obj=notice, agency_id=notice.case.agency_id,
                         from_state=NoticeStatus.PENDING, to_state=NoticeStatus.ISSUED,
                         data={"case": notice.case.tracking_no, "kind": notice.kind, "number": notice.number,
                               "sha256": notice.sha256})
            notice_issued.send(sender=Notice, notice=notice)
        return notice
    except UserFacingError as exc:
        with transaction.atomic():
            notice = Notice.objects.select_for_update().select_related("case").get(pk=notice.pk)
            if notice.status == NoticeStatus.PENDING:
                notice.status, notice.error = NoticeStatus.FAILED, exc.message
                notice.save(update_fields=["status", "error"])
                audit_record(actor=None, action="foi.notice_fail", obj=notice, agency_id=notice.case.agency_id,
                             from_state=NoticeStatus.PENDING, to_state=NoticeStatus.FAILED, reason=exc.message,
                             data={"case": notice.case.tracking_no, "number": notice.number})
        return notice


def notice_retry(*, notice, actor) -> Notice:
    """Generate a failed notice again (after an administrator has fixed its template)."""
    from .tasks import notice_generate_task

    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("case__agency").get(pk=notice.pk)
        _check_role(actor, notice.case.agency, OFFICE_ROLES)
        if notice.status != NoticeStatus.FAILED:
            raise TransitionError(_("只有生成失败的文书可以重新生成。"))
        notice.status, notice.error = NoticeStatus.PENDING, ""
        notice.save(update_fields=["status", "error"])
        audit_record(actor=actor, action="foi.notice_retry", obj=notice, agency_id=notice.case.agency_id,
                     from_state=NoticeStatus.FAILED, to_state=NoticeStatus.PENDING,
                     data={"case": notice.case.tracking_no, "number": notice.number})
        task_enqueue(notice_generate_task, notice.pk)
    notice.refresh_from_db()
    return notice


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTICE_EMAIL_WINDOW = dt.timedelta(days=3)


def notice_email_send(*, notice) -> bool:
    """E-mail the applicant that `notice` was issued, attaching it when they chose e-mail delivery.

    Returns whether a mail went out. Idempotent: the row is locked and `emailed_at` recorded with an
    audit row, so a notice is mailed once (a worker killed after the send and before the commit may
    mail it twice: mail is at least once, never lost). A mail server that refuses or cannot be
    reached leaves `emailed_at` empty for `notice_emails_pending_send` to try again; it never
    undoes the notice.
    """
    from django.core.mail import EmailMessage
    from django.urls import reverse

    if not getattr(settings, "FOI_NOTICE_EMAIL", True):
        return False
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("case__agency").get(pk=notice.pk)
        case = notice.case
        if (notice.emailed_at or not case.email
                or not applicant_notices(case_ids=[case.pk]).filter(pk=notice.pk).exists()):
            return False
        attach = case.delivery == Delivery.EMAIL
        lines = [
            _("%(name)s：") % {"name": case.applicant_name},
            _("您向%(agency)s提出的政府信息公开申请（申请编号 %(no)s）已出具《%(kind)s》（%(number)s）。")
            % {"agency": case.agency.name, "no": case.tracking_no, "kind": notice.get_kind_display(),
               "number": notice.number},
            _("文书见本邮件附件。") if attach else
            _("文书将按您选择的方式（%(way)s）送达。") % {"way": case.get_delivery_display()},
            _("您可凭申请编号和查询码在 %(url)s 查看办理进度和文书。")
            % {"url": settings.SITE_URL + reverse("foi:track")},
            _("本邮件由系统自动发送，请勿直接回复。"),
        ]
        message = EmailMessage(
            subject=_("【政府信息公开】%(kind)s（申请编号 %(no)s）") % {"kind": notice.get_kind_display(),
                                                               "no": case.tracking_no},
            body="\n\n".join(lines), to=[case.email])
        if attach:
            with notice.file.open("rb") as fh:
                message.attach(f"{notice.number}.docx", fh.read(), DOCX_MIME)
            if notice.kind == NoticeKind.REPLY:  # the disclosed information itself, when it fits
                files, complete = disclosure.email_attachments(case)
                for name, data, mime in files:
                    message.attach(name, data, mime)
                if not complete:
                    message.body += "\n\n" + _("所公开的信息文件较大，未随邮件发送，请凭申请编号和查询码在上述网址下载。")
        try:
            message.send(fail_silently=False)
        except (OSError, smtplib.SMTPException) as exc:
            logger.warning("notice %s: e-mail to the applicant failed: %s", notice.pk, exc)
            return False
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])
        audit_record(actor=None, action="foi.notice_email", obj=notice, agency_id=case.agency_id,
                     data={"case": case.tracking_no, "number": notice.number, "attached": attach})
    return True


def notice_emails_pending_send() -> int:
    """Queue the applicant e-mail of notices issued in the last few days and not yet mailed."""
    from .tasks import notice_email_send_task

    if not getattr(settings, "FOI_NOTICE_EMAIL", True):
        return 0
    ids = list(applicant_notices(case_ids=Case.objects.exclude(email="").values("pk"))
               .filter(emailed_at__isnull=True, created_at__gte=timezone.now() - NOTICE_EMAIL_WINDOW)
               .values_list("pk", flat=True))
    for pk in ids:
        task_enqueue(notice_email_send_task, pk)
    return len(ids)


def notices_pending_requeue(*, older_than_seconds: int = 300) -> int:
    """Queue again every notice still pending after `older_than_seconds` (its message was lost, or its
    worker failed for a reason other than being killed); returns how many. Safe to run at any time."""
    from .tasks import notice_generate_task

    cutoff = timezone.now() - dt.timedelta(seconds=older_than_seconds)
    ids = list(Notice.objects.filter(status=NoticeStatus.PENDING, created_at__lt=cutoff).values_list("pk", flat=True))
    for pk in ids:
        task_enqueue(notice_generate_task, pk)
    return len(ids)


def _earlier_this_month(case) -> int:
    month_start = case.received_date.replace(day=1)
    return (Case.objects.filter(agency=case.agency, applicant_key=case.applicant_key,
                                received_date__gte=month_start, received_date__lte=case.received_date)
            .exclude(pk=case.pk)
            .filter(received_date__lt=case.received_date).count()
            + Case.objects.filter(agency=case.agency, applicant_key=case.applicant_key,
                                  received_date=case.received_date, pk__lt=case.pk).count())


def case_fee_preview(*, case, method: str, pages: int | None = None):
    """Return the Fee the system computes for `case` (nothing saved)."""
    if method == FeeMethod.PER_ITEM:
        return fee_compute(method=method, earlier_this_month=_earlier_this_month(case))
    return fee_compute(method=method, pages=pages)


def _int(value, default=None, *, what):
    if value in (None, ""):
        return default
    try:
        return int(str(value).strip())
    except ValueError:
        raise UserFacingError(_("%(what)s应为整数。") % {"what": what})


@transaction.atomic
def case_transition(*, case, action: str, actor, date: dt.date | None = None, reason: str = "",
                    **params) -> Case:
    """Take `action` on `case` (see transitions.TRANSITIONS); `date` is the action's legal date."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(_("未知操作。"))
    case = Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
    _check_role(actor, case.agency, transition.roles)
    if case.status not in transition.sources:
        raise TransitionError(_("当前状态“%(status)s”下不能执行“%(action)s”。")
                              % {"status": case.get_status_display(), "action": transition.label})
    date = date or today()
    if date > today():
        raise TransitionError(_("日期不能晚于今天。"))
    if case.received_date and date < case.received_date:
        raise TransitionError(_("日期不能早于收到申请的日期。"))
    from_state = case.status
    notice_extra: dict = {}
    review_text = ""
    audit_data: dict = {"date": date}

    if action == "confirm":
        submitted = timezone.localdate(case.submitted_at)
        if date < submitted:
            raise TransitionError(_("确认日期不能早于申请人提交日期。"))
        case.received_date = date
        _event(case, EventKind.RECEIVED, date, actor, {"channel": case.channel}, reason)
    elif action == "assign":
        handler = params.get("handler")
        if handler is None or not user_has_role(user=handler, agency=case.agency, roles=OFFICE_ROLES):
            raise TransitionError(_("承办人须为该机关的政府信息公开工作人员。"))
        case.handler = handler
        _event(case, EventKind.ASSIGNED, date, actor, {"handler": person_name(handler)}, reason)
        audit_data["handler"] = handler.get_username()
    elif action == "request_correction":
        items = (params.get("items") or "").strip()
        if not items:
            raise TransitionError(_("请列明需要补正的事项。"))
        days = _int(params.get("days"), 15, what=_("补正期限"))
        if not 1 <= days <= 60:
            raise TransitionError(_("补正期限应为1至60个工作日。"))
        _event(case, EventKind.CORRECTION_REQUESTED, date, actor, {"days": days, "items": items}, reason)
        review_text = items
        notice_extra = {"correction_items": items}
    elif action == "receive_correction":
        _event(case, EventKind.CORRECTION_RECEIVED, date, actor, {}, reason)
    elif action == "lapse_correction":
        if case.correction_due is None or date <= case.correction_due:
            raise TransitionError(_("补正期限（%(due)s）尚未届满。") % {"due": case.correction_due})
        _event(case, EventKind.CORRECTION_LAPSED, date, actor, {}, reason)
    elif action == "start_consultation":
        kind = params.get("consultation_kind") or ConsultationKind.THIRD_PARTY
        if kind not in ConsultationKind.values:
            raise TransitionError(_("请选择征求意见类型。"))
        consultee = (params.get("consultee") or "").strip()
        if not consultee:
            raise TransitionError(_("请填写被征求意见的第三方或机关名称。"))
        _event(case, EventKind.CONSULTATION_STARTED, date, actor, {"consultation_kind": kind,
                                                                     "consultee": consultee}, reason)
        review_text = reason
        third = kind == ConsultationKind.THIRD_PARTY
        notice_extra = {
            "consultation_due": notices.cn_date(add_workdays(date, CONSULTATION_WORKDAYS).date),
            "consultee": consultee,
            "consultation_reason": reason or _("该信息公开后可能损害第三方合法权益。"),
            "consultation_article": _("第三十二条") if third else _("第三十四条"),
            "silence_rule": (_("逾期未提出意见的，由本机关依照条例规定决定是否公开。") if third
                             else _("逾期未提出意见的，视为同意公开。")),
        }
        audit_data.update(kind=kind, consultee=consultee)
    elif action == "end_consultation":
        started = case.events.filter(kind=EventKind.CONSULTATION_STARTED).order_by("-date", "-id").first()
        reply = params.get("reply") or "replied"
        if reply not in ("agree", "refuse", "replied", "silent"):
            raise TransitionError(_("请选择征求意见结果。"))
        if reply == "silent":
            limit = add_workdays(started.date, CONSULTATION_WORKDAYS).date
            if today() <= limit:
                raise TransitionError(_("征求意见期限（%(limit)s）尚未届满，不能按未答复处理。") % {"limit": limit})
            date = limit
        _event(case, EventKind.CONSULTATION_ENDED, date, actor, {"reply": reply}, reason)
        audit_data["reply"] = reply
    elif action == "extend":
        workdays = _int(params.get("workdays"), 20, what=_("延长工作日数"))
        if not reason.strip():
            raise TransitionError(_("请填写延期理由。"))
        if case.due_date and date > case.due_date:
            raise TransitionError(_("答复期限已过，不能再延期。"))
        _event(case, EventKind.EXTENDED, date, actor, {"workdays": workdays}, reason)
        review_text = reason
        notice_extra = {"extension_days": workdays, "reason": reason}
        audit_data["workdays"] = workdays
    elif action == "delay":
        until = params.get("until")
        if not isinstance(until, dt.date):
            raise TransitionError(_("请填写延迟答复的期限。"))
        if case.due_date and until <= case.due_date:
            raise TransitionError(_("延迟答复期限应晚于现答复期限（%(due)s）。") % {"due": case.due_date})
        if not reason.strip():
            raise TransitionError(_("请说明申请数量、频次明显超过合理范围及所接受的理由。"))
        _event(case, EventKind.DELAYED, date, actor, {"until": until.isoformat()}, reason)
        review_text = reason
        notice_extra = {"art35": True, "reason": reason}
        audit_data["until"] = until
    elif action == "notify_fee":
        method = params.get("fee_method") or ""
        pages = _int(params.get("pages"), None, what=_("页数"))
        fee = case_fee_preview(case=case, method=method, pages=pages)
        if fee.amount <= 0:
            raise TransitionError(_("按所选方式计算的信息处理费为0元，无需收费。"))
        case.fee_method, case.fee_amount = fee.method, fee.amount
        received_notice = params.get("notice_received_date") or date
        if received_notice > today() or received_notice < date:
            raise TransitionError(_("收费通知送达日期应在发出日期与今天之间。"))
        _event(case, EventKind.FEE_NOTIFIED, received_notice, actor,
               {"method": fee.method, "amount": str(fee.amount), "pages": pages, "sent": date.isoformat()},
               reason)
        pauses = settings.GONGKAI.get("FEE_WINDOW_PAUSES_CLOCK", True)
        notice_extra = {"fee_basis": fee.basis, "fee_amount": str(fee.amount), "fee_detail": fee.describe(),
                        "payment_method": params.get("payment_method") or _("按本机关告知的非税收入缴款方式缴入国库"),
                        "fee_pause_note": _("缴费期间不计入答复期限。") if pauses else ""}
        audit_data.update(method=fee.method, amount=str(fee.amount))
    elif action == "pay_fee":
        if case.fee_due and date > case.fee_due:
            raise TransitionError(_("已超过缴费期限（%(due)s）。") % {"due": case.fee_due})
        case.fee_paid_date = date
        _event(case, EventKind.FEE_PAID, date, actor, {}, reason)
    elif action == "lapse_fee":
        if case.fee_due is None or date <= case.fee_due:
            raise TransitionError(_("缴费期限（%(due)s）尚未届满。") % {"due": case.fee_due})
        _event(case, EventKind.FEE_LAPSED, date, actor, {}, reason)
    elif action == "answer":
        outcome = params.get("outcome") or ""
        if outcome not in Outcome.values or outcome in (Outcome.OTHER_1, Outcome.OTHER_2):
            raise TransitionError(_("请从法定办理结果中选择一项。"))
        if outcome == Outcome.UNAVAILABLE_3 and not case.events.filter(
                kind=EventKind.CORRECTION_RECEIVED).exists():
            raise TransitionError(_("只有补正后的申请才能以“补正后申请内容仍不明确”答复。"))
        withheld = (params.get("withheld_note") or "").strip()
        if outcome == Outcome.PARTIAL and not withheld:
            raise TransitionError(_("部分公开须写明不予公开的内容及理由。"))
        problem = disclosure.answer_problem(case=case, outcome=outcome)
        if problem:
            raise TransitionError(problem)
        case.outcome = outcome
        case.legal_basis = (params.get("legal_basis") or "").strip() or outcome_basis(outcome)
        case.reply_text = (params.get("reply_text") or "").strip()
        case.withheld_note = withheld
        case.closed_date = date
        _event(case, EventKind.ANSWERED, date, actor, {"outcome": outcome}, reason)
        review_text = "\n".join(x for x in (case.reply_text, withheld) if x)
        audit_data["outcome"] = outcome
    elif action == "withdraw":
        _event(case, EventKind.WITHDRAWN, date, actor, {}, reason)
    elif action == "deliver":
        method = params.get("delivery_method") or ""
        if method not in Delivery.values:
            raise TransitionError(_("请选择送达方式。"))
        case.delivery_method, case.delivered_date = method, date
        case.delivery_proof = (params.get("delivery_proof") or "").strip()[:200]
        _event(case, EventKind.DELIVERED, date, actor, {"method": method, "proof": case.delivery_proof}, reason)
        audit_data["method"] = method
    elif action == "archive":
        case.archived_at = timezone.now()
        _event(case, EventKind.ARCHIVED, date, actor, {}, reason)

    if transition.outcome:
        case.outcome = transition.outcome
        case.legal_basis = outcome_basis(transition.outcome)
        case.closed_date = date
    if transition.target:
        case.status = transition.target
    case.save()
    if case.received_date:
        case_recompute(case=case)
    if transition.notice:
        _notice_issue(case=case, kind=transition.notice, actor=actor, issue_date=date,
                      extra=notice_extra | {"correction_due": notices.cn_date(case.correction_due),
                                            "fee_due": notices.cn_date(case.fee_due)},
                      review_text=review_text)
    audit_record(actor=actor, action=f"foi.{action}", obj=case, from_state=from_state, to_state=case.status,
                 reason=reason, data=audit_data)
    case_changed.send(sender=Case, case=case, action=action)
    return case


# --- appeals, proactive disclosure, templates ----------------------------------------------------

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


def _check_template_scope(actor, agency) -> None:
    """A department's templates are changed by a 管理员 of that department (or above it); the
    government-wide default (agency None) only by a superuser."""
    from gongkai.agencies.models import Role

    if actor is None:
        return
    if agency is None:
        if not actor.is_superuser:
            raise PermissionDeniedError(_("只有系统管理员（超级用户）可以修改全局默认文书模板。"))
        return
    if not (actor.is_superuser or user_has_role(user=actor, agency=agency, roles={Role.ADMIN})):
        raise PermissionDeniedError(_("只有管理员可以修改“%(agency)s”的文书模板。") % {"agency": agency.name})


def _template_key_check(key: str) -> None:
    valid = set(NoticeKind.values) | {f"reply_{o}" for o in Outcome.values}
    if key not in valid:
        raise UserFacingError(_("未知的文书模板。"))


@transaction.atomic
def notice_template_set(*, key: str, data: bytes, actor, agency=None, name: str = "template.docx") -> NoticeTemplate:
    """Replace a notice template for `agency` (None: government-wide). The file must be a safe .docx
    that uses only the documented variables and renders in the sandbox."""
    from django.core.files.base import ContentFile

    _template_key_check(key)
    _check_template_scope(actor, agency)
    problem = notices.template_validate(data)
    if problem:
        raise UserFacingError(problem)
    template, _created = NoticeTemplate.objects.select_for_update().get_or_create(key=key, agency=agency)
    scope = agency.slug if agency is not None else "global"
    template.file.save(f"{scope}-{key}.docx", ContentFile(data), save=False)
    template.updated_by = actor if actor is not None and actor.pk else None
    template.save()
    audit_record(actor=actor, action="foi.template_set", object_type="foi.noticetemplate",
                 object_id=template.pk, agency_id=agency.pk if agency is not None else None,
                 data={"key": key, "agency": scope, "sha256": hashlib.sha256(data).hexdigest()})
    return template


@transaction.atomic
def notice_template_reset(*, key: str, actor, agency=None) -> None:
    _template_key_check(key)
    _check_template_scope(actor, agency)
    deleted, _x = NoticeTemplate.objects.filter(key=key, agency=agency).delete()
    if deleted:
        scope = agency.slug if agency is not None else "global"
        audit_record(actor=actor, action="foi.template_reset", object_type="foi.noticetemplate",
                     object_id=f"{scope}:{key}", agency_id=agency.pk if agency is not None else None,
                     data={"key": key, "agency": scope})
