"""Every write of the newmedia app: in a transaction, row-locked, role-checked, audited."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.core.text import nfkc
from gongkai.ops.uploads import upload_check, upload_save

from .models import Account, AccountEvent, Platform, PostSource
from .transitions import EDIT_ROLES, TRANSITIONS

QR_KINDS = {"png", "jpg"}
QR_MAX_BYTES = 2 * 1024 * 1024
# Fields a 变更 may change; the 运维人 values never go into the audit trail, only that they changed.
CHANGE_FIELDS = ("platform", "name", "account_id", "operator_name", "operator_phone")
PRIVATE_FIELDS = {"operator_name", "operator_phone"}


def _check(actor, agency, roles):
    if actor is not None and not user_has_role(user=actor, agency=agency, roles=roles):
        raise PermissionDeniedError(_("您没有为“%(agency)s”执行此操作的权限。") % {"agency": agency.name})


def _clean(platform, name, account_id, operator_name, operator_phone, *, exclude_pk=None) -> dict:
    values = {"platform": platform, "name": (name or "").strip(),
              "account_id": nfkc(account_id or "").strip(),
              "operator_name": (operator_name or "").strip(),
              "operator_phone": nfkc(operator_phone or "").strip()}
    if platform not in Platform.values:
        raise UserFacingError(_("请选择平台。"))
    labels = {"name": _("名称"), "account_id": _("账号ID"), "operator_name": _("运维人"),
              "operator_phone": _("运维人电话")}
    missing = [str(label) for key, label in labels.items() if not values[key]]
    if missing:
        raise UserFacingError(_("请填写：%(f)s。") % {"f": "、".join(missing)})
    clash = Account.objects.filter(platform=platform, account_id=values["account_id"]).exclude(pk=exclude_pk)
    if clash.exists():
        raise UserFacingError(_("该平台已登记账号ID“%(id)s”。") % {"id": values["account_id"]})
    return values


def _store_qr(account, qr) -> str:
    """qr: (file name, bytes). Only PNG or JPEG, checked by content."""
    name, data = qr
    checked = upload_check(name=name, data=data, allowed=QR_KINDS, max_bytes=QR_MAX_BYTES)
    return upload_save(directory=f"newmedia/{account.pk}", checked=checked)


def _event(account, action, actor, data=None, reason=""):
    AccountEvent.objects.create(account=account, action=action, data=data or {}, reason=reason,
                                actor=actor if actor is not None and actor.pk else None)


@transaction.atomic
def account_create(*, agency, actor, platform: str, name: str, account_id: str, operator_name: str,
                   operator_phone: str, qr=None) -> Account:
    """申请开设: register an account in the 申请开设 status."""
    _check(actor, agency, EDIT_ROLES)
    values = _clean(platform, name, account_id, operator_name, operator_phone)
    account = Account.objects.create(agency=agency, **values)
    if qr:
        account.qr_code.name = _store_qr(account, qr)
        account.save(update_fields=["qr_code"])
    _event(account, "apply", actor, {"name": account.name, "account_id": account.account_id})
    audit_record(actor=actor, action="newmedia.apply", obj=account, to_state=account.status,
                 data={"platform": platform, "name": account.name, "account_id": account.account_id})
    return account


@transaction.atomic
def account_transition(*, account, action, actor, reason="", changes=None, filing_no="",
                       date: dt.date | None = None) -> Account:
    """The one place an account is opened, changed, filed (备案) or closed."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    tr = TRANSITIONS.get(action)
    if tr is None or account.status not in tr.sources:
        raise TransitionError(_("当前状态（%(s)s）不能执行该操作。") % {"s": account.get_status_display()})
    _check(actor, account.agency, tr.roles)
    reason = (reason or "").strip()
    if tr.reason_required and not reason:
        raise UserFacingError(_("请填写理由。"))
    today = timezone.localdate()
    data = {}
    if action == "open":
        account.opened_date = date or today
        data = {"opened_date": account.opened_date.isoformat()}
    elif action == "change":
        data = _apply_changes(account, changes or {})
        if not data:
            raise UserFacingError(_("没有需要变更的内容。"))
    elif action == "file":
        filing_no = nfkc(filing_no or "").strip()
        if not filing_no:
            raise UserFacingError(_("请填写备案编号。"))
        account.filed, account.filing_no, account.filed_date = True, filing_no, date or today
        data = {"filing_no": filing_no, "filed_date": account.filed_date.isoformat()}
    elif action == "close":
        account.closed_date = date or today
        account.status_reason = reason
        data = {"closed_date": account.closed_date.isoformat()}
    old = account.status
    if tr.target is not None:
        account.status = tr.target
    account.save()
    _event(account, action, actor, data, reason)
    audit_record(actor=actor, action=f"newmedia.{action}", obj=account, from_state=old, to_state=account.status,
                 reason=reason, data=data)
    return account


def _apply_changes(account, changes: dict) -> dict:
    """Apply a 变更 and return what changed (运维人 values masked)."""
    current = {f: getattr(account, f) for f in CHANGE_FIELDS}
    wanted = {**current, **{k: v for k, v in changes.items() if k in CHANGE_FIELDS and v is not None}}
    values = _clean(*(wanted[f] for f in CHANGE_FIELDS), exclude_pk=account.pk)
    data = {}
    for field, value in values.items():
        if value != current[field]:
            data[field] = ("已变更" if field in PRIVATE_FIELDS else {"from": current[field], "to": value})
            setattr(account, field, value)
    if changes.get("qr"):  # stored only once the other fields passed
        account.qr_code.name = _store_qr(account, changes["qr"])
        data["qr_code"] = "已更换"
    return data


def _post_date_check(date: dt.date) -> None:
    if date > timezone.localdate():
        raise UserFacingError(_("最新发布日期不能晚于今天。"))


@transaction.atomic
def account_post_date_set(*, account, actor, date: dt.date, source=PostSource.ENTERED) -> Account:
    """Record the date of the account's latest post (entered by staff)."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    _check(actor, account.agency, EDIT_ROLES)
    if account.status == "closed":
        raise TransitionError(_("账号已注销，不再登记发布日期。"))
    _post_date_check(date)
    old = account.latest_post_date
    account.latest_post_date, account.latest_post_source = date, source
    account.save(update_fields=["latest_post_date", "latest_post_source"])
    audit_record(actor=actor, action="newmedia.post_date", obj=account,
                 data={"from": old.isoformat() if old else None, "to": date.isoformat(), "source": str(source)})
    return account
