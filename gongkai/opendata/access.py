"""有条件开放: the application (filed publicly with a query code), its review by the 开放主体 within
OPENDATA_REVIEW_WORKDAYS working days on the calendar, the API key an approval issues (only its
SHA-256 stored; scoped to the dataset and the approved period), the usage log, the 使用反馈, and the
per-key daily quota counted in the `limits` cache.

The key reaches the applicant inside the platform: approval creates the key row holding the hash of a
value nobody knows; the applicant picks the key up once on the status page with number and query code
(`application_key_pickup`: a fresh key is drawn, its hash stored, shown that once). A reviewer can
reset a lost key (`application_key_reset`: the old one stops working, the applicant picks up anew)."""
import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.core.querycode import query_code_check, query_code_hash, query_code_new
from gongkai.ops.ratelimit import ratelimit_hit
from gongkai.workdays.calendar import add_workdays

from .models import AccessApplication, ApiKey, Dataset, DatasetStatus, Tier, UsageLog
from .transitions import APPLICATION_TRANSITIONS

KEY_PREFIX = "gkod_"
MAX_PERIOD_DAYS = 3 * 366


def review_workdays() -> int:
    return int(getattr(settings, "OPENDATA_REVIEW_WORKDAYS", 10))


def key_hash(raw: str) -> str:
    return hashlib.sha256(raw.strip().encode()).hexdigest()


def api_key_issue(*, dataset=None, application=None, valid_from=None, valid_until=None, label: str = "",
                  daily_quota: int | None = None) -> tuple[ApiKey, str]:
    """Create a key; return (row, the key in clear — shown once, never stored)."""
    raw = KEY_PREFIX + secrets.token_urlsafe(24)
    key = ApiKey.objects.create(prefix=raw[:12], key_hash=key_hash(raw), label=label[:120], dataset=dataset,
                                application=application, valid_from=valid_from, valid_until=valid_until,
                                daily_quota=daily_quota or int(getattr(settings, "OPENDATA_KEY_DAILY_QUOTA", 10000)))
    return key, raw


@transaction.atomic
def application_submit(*, dataset, applicant: str, organisation: str, email: str, phone: str, purpose: str,
                       scenario: str, period_start: dt.date, period_end: dt.date,
                       agreement_accepted: bool) -> tuple[AccessApplication, str]:
    """File an application; return (application, query code shown once)."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    if dataset.tier != Tier.CONDITIONAL or dataset.status != DatasetStatus.PUBLISHED:
        raise UserFacingError(_("该数据集不接受有条件开放申请。"))
    if not agreement_accepted:
        raise UserFacingError(_("请阅读并同意数据使用协议。"))
    values = {"applicant": applicant.strip(), "organisation": organisation.strip(), "purpose": purpose.strip(),
              "scenario": scenario.strip(), "email": email.strip(), "phone": phone.strip()}
    missing = [label for key, label in (("applicant", _("申请人")), ("organisation", _("单位")), ("purpose", _("用途")),
                                        ("scenario", _("使用场景")), ("email", _("电子邮箱")), ("phone", _("联系电话")))
               if not values[key]]
    if missing:
        raise UserFacingError(_("请填写：%(f)s。") % {"f": "、".join(missing)})
    today = timezone.localdate()
    if period_start < today or period_end < period_start:
        raise UserFacingError(_("使用期限不正确：起始日期不能早于今天，截止日期不能早于起始日期。"))
    if (period_end - period_start).days > MAX_PERIOD_DAYS:
        raise UserFacingError(_("使用期限最长为三年。"))
    code = query_code_new()
    application = AccessApplication.objects.create(
        dataset=dataset, number=f"SQ{today:%Y%m%d}{secrets.randbelow(10**6):06d}", query_code_hash=query_code_hash(code),
        period_start=period_start, period_end=period_end, agreement_accepted=True,
        due_date=add_workdays(today, review_workdays()).date, **values)
    audit_record(actor=None, action="opendata.application_submit", obj=application, agency_id=dataset.agency_id,
                 to_state=application.status, data={"dataset": dataset.pk, "number": application.number})
    return application, code


def application_lookup(*, number: str, code: str) -> AccessApplication | None:
    application = AccessApplication.objects.select_related("dataset").filter(number=number.strip().upper()).first()
    if application is None or not query_code_check(application.query_code_hash, code):
        return None
    return application


@transaction.atomic
def application_transition(*, application, action, actor, reason: str = "",
                           applicant_code: str | None = None) -> tuple[AccessApplication, str]:
    """The one place an application's status changes. `approve` creates the API key row, the key itself
    waits for the applicant's pickup (the second value returned stays "" for compatibility); `feedback` is filed by the applicant with the query code (`applicant_code` given,
    actor None) or by staff. Actor None without a code is the system (demo, tasks)."""
    application = AccessApplication.objects.select_for_update().select_related("dataset").get(pk=application.pk)
    tr = APPLICATION_TRANSITIONS.get(action)
    if tr is None or application.status not in tr.sources:
        raise TransitionError(_("当前状态不能执行该操作。"))
    agency = application.dataset.agency
    if applicant_code is not None:
        if action != "feedback" or not query_code_check(application.query_code_hash, applicant_code):
            raise PermissionDeniedError(_("申请编号或查询码不正确。"))
    else:
        role_require(user=actor, agency=agency, roles=tr.roles)
    reason = (reason or "").strip()
    if tr.reason_required and not reason:
        raise TransitionError(_("请填写使用反馈。") if action == "feedback" else _("请填写不予批准的理由。"))
    raw = ""
    source = application.status
    now = timezone.now()
    if action in ("approve", "reject"):
        application.decided_at, application.decided_by, application.decision_reason = now, actor, reason
    if action == "approve":
        start = max(application.period_start, timezone.localdate())
        api_key_issue(dataset=application.dataset, application=application, valid_from=start,
                      valid_until=application.period_end, label=application.organisation)  # clear key discarded
    if action == "feedback":
        application.feedback, application.feedback_at = reason, now
        ApiKey.objects.filter(application=application).update(active=False)
    application.status = tr.target
    application.save()
    audit_record(actor=actor, action=f"opendata.application_{action}", obj=application, agency_id=agency.pk,
                 from_state=source, to_state=application.status, reason=reason if action != "feedback" else "",
                 data={"number": application.number})
    return application, raw


def _key_draw(key: ApiKey) -> str:
    raw = KEY_PREFIX + secrets.token_urlsafe(24)
    key.prefix, key.key_hash = raw[:12], key_hash(raw)
    key.save(update_fields=["prefix", "key_hash"])
    return raw


@transaction.atomic
def application_key_pickup(*, application, code: str) -> str:
    """The applicant takes the API key of an approved application, once: return it in clear."""
    application = AccessApplication.objects.select_for_update().get(pk=application.pk)
    if not query_code_check(application.query_code_hash, code or ""):
        raise PermissionDeniedError(_("申请编号或查询码不正确。"))
    if application.status != "approved":
        raise UserFacingError(_("申请未获批准或已结束，不能领取 API 密钥。"))
    if application.key_picked_up_at is not None:
        raise UserFacingError(_("API 密钥已于 %(t)s 领取，不再显示。如已遗失，请联系开放主体重置。")
                              % {"t": timezone.localtime(application.key_picked_up_at).strftime("%Y-%m-%d %H:%M")})
    key = ApiKey.objects.select_for_update().get(application=application)
    raw = _key_draw(key)
    application.key_picked_up_at = timezone.now()
    application.save(update_fields=["key_picked_up_at"])
    audit_record(actor=None, action="opendata.application_key_pickup", obj=application,
                 agency_id=application.dataset.agency_id, data={"number": application.number, "prefix": key.prefix})
    return raw


@transaction.atomic
def application_key_reset(*, application, actor, reason: str) -> AccessApplication:
    """A reviewer voids the key of an approved application (lost, leaked); the applicant picks up a new one."""
    application = AccessApplication.objects.select_for_update().select_related("dataset").get(pk=application.pk)
    role_require(user=actor, agency=application.dataset.agency, roles=APPLICATION_TRANSITIONS["approve"].roles)
    if application.status != "approved":
        raise TransitionError(_("只有已批准的申请可以重置密钥。"))
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("请填写重置密钥的理由。"))
    _key_draw(ApiKey.objects.select_for_update().get(application=application))  # nobody sees this one
    application.key_picked_up_at = None
    application.save(update_fields=["key_picked_up_at"])
    audit_record(actor=actor, action="opendata.application_key_reset", obj=application,
                 agency_id=application.dataset.agency_id, reason=reason, data={"number": application.number})
    return application


# ---- keys at request time ----------------------------------------------------------------------

class KeyRefused(Exception):
    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.message, self.status = message, status


def key_resolve(raw: str) -> ApiKey | None:
    if not raw:
        return None
    key = ApiKey.objects.filter(key_hash=key_hash(raw)).select_related("dataset").first()
    if key is None:
        raise KeyRefused(_("API 密钥无效。"), 401)
    return key


def access_check(*, dataset, key: ApiKey | None, today: dt.date | None = None) -> None:
    """Raise KeyRefused unless the dataset may be read with `key` (None: anonymous) today."""
    today = today or timezone.localdate()
    if dataset.status != DatasetStatus.PUBLISHED or dataset.tier == Tier.CLOSED:
        raise KeyRefused(_("该数据集不开放。"), 404)
    if key is not None:
        if not key.active:
            raise KeyRefused(_("API 密钥已停用。"))
        if key.valid_from and today < key.valid_from or key.valid_until and today > key.valid_until:
            raise KeyRefused(_("API 密钥不在有效期内（%(a)s 至 %(b)s）。") % {"a": key.valid_from, "b": key.valid_until})
        if key.dataset_id and key.dataset_id != dataset.pk:
            raise KeyRefused(_("该 API 密钥只能访问获批的数据集。"))
    if dataset.tier == Tier.CONDITIONAL and (key is None or key.dataset_id != dataset.pk):
        raise KeyRefused(_("有条件开放数据集须使用获批申请的 API 密钥访问。"), 401 if key is None else 403)


def quota_check(*, key: ApiKey | None, ident: str) -> int:
    """Count one call; seconds to wait when over the key's daily quota (anonymous: per address, the
    OPENDATA_ANON_RATE per hour), else 0."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return 0
    if key is not None:
        over, wait = ratelimit_hit(scope="odkey", ident=key.prefix + key.key_hash[:8], limit=key.daily_quota,
                                   window=86400)
    else:
        over, wait = ratelimit_hit(scope="odanon", ident=ident,
                                   limit=int(getattr(settings, "OPENDATA_ANON_HOURLY", 600)), window=3600)
    return max(wait, 1) if over else 0


def usage_log(*, dataset, resource=None, key=None, action: str, rows: int = 0) -> None:
    UsageLog.objects.create(dataset=dataset, resource=resource, key=key, action=action, rows=rows)
    field = "downloads" if action == "download" else "api_calls"
    Dataset.objects.filter(pk=dataset.pk).update(**{field: F(field) + 1})
