"""Every write of the decisions app: in a transaction, row-locked, role-checked, audited."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import role_require, user_has_role
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category, Document
from gongkai.catalog.services import document_generated_submit
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError

from .models import DecisionItem, DecisionStatus, Procedure, ProcedureRecord
from .transitions import MANAGE_ROLES, TRANSITIONS

RECORD_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})


def _check(actor, agency, roles):
    role_require(user=actor, agency=agency, roles=roles)


def _procedures(required, skipped) -> tuple[list, dict]:
    """Every statutory procedure is either required or skipped with a reason."""
    required = [p for p in Procedure.values if p in set(required)]
    unknown = set(skipped) - set(Procedure.values)
    if unknown:
        raise UserFacingError(_("未知的法定程序：%(p)s") % {"p": "、".join(sorted(unknown))})
    skipped = {p: (skipped.get(p) or "").strip() for p in Procedure.values if p not in required}
    missing = [str(Procedure(p).label) for p, reason in skipped.items() if not reason]
    if missing:
        raise UserFacingError(_("不履行“%(p)s”程序的，须说明理由。") % {"p": "、".join(missing)})
    return required, skipped


@transaction.atomic
def decision_item_create(*, agency, actor, year: int, title: str, undertaker, planned: str,
                         required=tuple(Procedure.values), skipped=None, consultation=None) -> DecisionItem:
    _check(actor, agency, MANAGE_ROLES)
    if not title.strip():
        raise UserFacingError(_("决策事项名称不能为空。"))
    if not 2000 <= int(year) <= 2100:
        raise UserFacingError(_("年度无效。"))
    required, skipped = _procedures(required, skipped or {})
    position = DecisionItem.objects.filter(agency=agency, year=year).count() + 1
    item = DecisionItem.objects.create(agency=agency, year=year, position=position, title=title.strip(),
                                       undertaker=undertaker, planned=planned.strip(), required=required,
                                       skipped=skipped, consultation=consultation)
    audit_record(actor=actor, action="decision.create", obj=item, to_state=item.status,
                 data={"title": item.title, "required": required})
    return item


@transaction.atomic
def decision_procedure_record(*, item, actor, procedure: str, date: dt.date, summary: str, document=None,
                              file=None) -> ProcedureRecord:
    """Record that a procedure was carried out (by the 承办单位 or the 公开办)."""
    item = DecisionItem.objects.select_for_update().get(pk=item.pk)
    if actor is not None and not (user_has_role(user=actor, agency=item.undertaker, roles=RECORD_ROLES)
                                  or user_has_role(user=actor, agency=item.agency, roles=MANAGE_ROLES)):
        raise PermissionDeniedError(_("只有承办单位或决策机关公开办可以登记程序。"))
    if procedure not in Procedure.values:
        raise UserFacingError(_("未知的法定程序。"))
    if item.status in (DecisionStatus.DECIDED, DecisionStatus.ADJUSTED):
        raise TransitionError(_("该事项已%(s)s，不能再登记程序。") % {"s": item.get_status_display()})
    if not summary.strip():
        raise UserFacingError(_("请填写程序履行情况。"))
    record = ProcedureRecord.objects.create(item=item, procedure=procedure, date=date, summary=summary.strip(),
                                            document=document, file=file or "",
                                            recorded_by=actor if actor and actor.pk else None)
    audit_record(actor=actor, action="decision.procedure", obj=item, data={"procedure": procedure,
                                                                            "date": date.isoformat()})
    return record


@transaction.atomic
def decision_transition(*, item, action, actor, reason="", decided_date=None, decision_document=None) -> DecisionItem:
    """The one place a decision item's status changes."""
    item = DecisionItem.objects.select_for_update().get(pk=item.pk)
    tr = TRANSITIONS.get(action)
    if tr is None or item.status not in tr.sources:
        raise TransitionError(_("当前状态（%(s)s）不能执行该操作。") % {"s": item.get_status_display()})
    _check(actor, item.agency, tr.roles)
    if tr.reason_required and not reason.strip():
        raise UserFacingError(_("请填写理由。"))
    if action == "decide":
        missing = item.procedures_missing()
        if missing:
            raise TransitionError(_("以下法定程序尚未登记，不能标记为已决策：%(p)s。")
                                  % {"p": "、".join(str(Procedure(p).label) for p in missing)})
        item.decided_date = decided_date or timezone.localdate()
        item.decision_document = decision_document
    old = item.status
    item.status = tr.target
    item.status_reason = reason.strip() if tr.reason_required else item.status_reason
    item.save()
    audit_record(actor=actor, action=f"decision.{action}", obj=item, from_state=old, to_state=item.status,
                 reason=reason)
    return item


def decision_list_html(items) -> str:
    rows = "".join(f"<tr><td>{i.position}</td><td>{escape(i.title)}</td><td>{escape(i.undertaker.name)}</td>"
                   f"<td>{escape(i.planned)}</td></tr>" for i in items)
    return ("<table><thead><tr><th>序号</th><th>决策事项</th><th>承办单位</th><th>计划完成时间</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


@transaction.atomic
def decision_list_publish(*, agency, year: int, actor) -> Document:
    """Write the year's 重大行政决策事项目录 into the catalog (a new version replaces the draft) and
    submit it for review; the reviewer publishes it like any document."""
    _check(actor, agency, MANAGE_ROLES)
    items = list(DecisionItem.objects.filter(agency=agency, year=year).exclude(status=DecisionStatus.ADJUSTED)
                 .select_related("undertaker").order_by("position"))
    if not items:
        raise UserFacingError(_("%(year)d年度尚无决策事项。") % {"year": year})
    title = f"{agency.name}{year}年度重大行政决策事项目录"
    document = document_generated_submit(
        agency=agency, title=title, body_html=decision_list_html(items), category=Category.PLAN,
        written_date=timezone.localdate(), publisher_name=agency.name)
    audit_record(actor=actor, action="decision.list_publish", obj=document, data={"year": year, "items": len(items)})
    return document
