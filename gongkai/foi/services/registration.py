"""Creating cases: the applicant's input checked and normalised, an application filed online, and
one registered by the office with its legal receipt date (Art. 31) and its 登记回执."""
import datetime as dt
import hashlib
import re
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.codes import clean_code, uscc_problem
from gongkai.audit.services import audit_record
from gongkai.core.errors import UserFacingError
from gongkai.core.querycode import query_code_hash, query_code_new
from gongkai.core.text import nfkc

from ..models import (ApplicantKind, Case, CaseEvent, Channel, Delivery, EventKind, IdType, InfoForm, NoticeKind,
                      Status)
from ..transitions import OFFICE_ROLES
from ..validators import (id_number_normalize, id_number_problem, identity_file_problem, phone_normalize,
                          phone_problem, sniff_identity_file)
from .common import _check_role, today
from .deadlines import case_recompute
from .notice_issue import _notice_issue

APPLICANT_FIELDS = (
    "applicant_kind", "applicant_name", "id_type", "id_number", "org_code", "legal_representative",
    "contact_name", "phone", "email", "address", "postal_code", "info_title", "info_doc_no",
    "info_description", "info_form", "delivery",
)


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
    from .. import intake

    ceiling = intake.online_ceiling()
    if ceiling and intake.online_today(agency=agency) >= ceiling:
        intake.online_ceiling_alert(agency=agency, ceiling=ceiling)  # commits on its own
        raise UserFacingError(intake.ceiling_message(ceiling), code="online_ceiling")
    return _case_submit_online(agency=agency, fields=fields, identity_file=identity_file, ceiling=ceiling)


@transaction.atomic
def _case_submit_online(*, agency, fields: dict, identity_file, ceiling: int) -> tuple[Case, str]:
    from gongkai.agencies.models import Agency

    from .. import intake

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
