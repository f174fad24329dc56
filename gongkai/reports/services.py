"""Every write of the reports app. Each runs in a transaction, locks the row it changes, checks the
actor's role and leaves an audit row. `actor=None` is the system (demo data, the command line)."""
import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError

from . import template as t
from .checker import findings_ok, report_check
from .compute import data_differences, prose_defaults, report_compute
from .data import ReportData
from .models import AnnualReport, ReportStatus, UploadedCheck
from .manual_figures import manual_figure_set, manual_figures_import  # noqa: F401 (callers' names)
from .transitions import EDIT_ROLES, TRANSITIONS


def _check_role(actor, agency, roles):
    if actor is None:
        return
    if not user_has_role(user=actor, agency=agency, roles=roles):
        raise PermissionDeniedError(_("您没有为“%(agency)s”执行此操作的权限。") % {"agency": agency.name})


def _agency_ids(agency, include_departments):
    if include_departments:
        return list(agency.descendants().values_list("id", flat=True))
    return [agency.pk]


def _previous_data(report) -> ReportData | None:
    prev = AnnualReport.objects.filter(agency=report.agency, year=report.year - 1).first()
    if prev is None or not prev.data:
        return None
    return ReportData.from_dict(prev.data)


def report_findings(*, report) -> list:
    """Run the checker on the report's stored figures (with last year's report when there is one)."""
    data = ReportData.from_dict(report.data or {})
    return report_check(data=data, previous=_previous_data(report))


def _department_differences(agency, year, data: ReportData) -> list:
    """Compare each department's own figures with its saved report, and the total with their sum."""
    out = []
    parts = []
    for dept in agency.descendants(include_self=True).order_by("path"):
        own, _s, _n, _f = report_compute(agency_ids=[dept.pk], year=year)
        parts.append(own)
        saved = AnnualReport.objects.filter(agency=dept, year=year).exclude(pk=None).first()
        if saved is None or dept.pk == agency.pk or not saved.data:
            continue
        for table, row, col, mine, theirs in data_differences(a=own, b=ReportData.from_dict(saved.data)):
            out.append({"agency": dept.name, "agency_id": dept.pk, "table": table, "row": row, "column": col,
                        "computed": mine, "reported": theirs,
                        "message": _("%(agency)s的年度报告（%(status)s）与当前数据不一致。")
                        % {"agency": dept.name, "status": saved.get_status_display()}})
    from .compute import data_sum

    total = data_sum(parts)
    for table, row, col, mine, theirs in data_differences(a=data, b=total):
        out.append({"agency": agency.name, "agency_id": agency.pk, "table": table, "row": row, "column": col,
                    "computed": mine, "reported": theirs,
                    "message": _("汇总数与本级及各部门数字之和不一致。")})
    return out


@transaction.atomic
def report_generate(*, agency: Agency, year: int, actor, include_departments=None,
                    refill_prose=False) -> AnnualReport:
    """Create or recompute the draft report of `agency` for `year` from the data."""
    _check_role(actor, agency, EDIT_ROLES)
    if year < 2021 or year > timezone.localdate().year:
        raise UserFacingError(_("只能生成2021年度（新格式启用）至今年的年度报告。"))
    try:
        with transaction.atomic():
            AnnualReport.objects.get_or_create(agency=agency, year=year,
                                               defaults={"created_by": actor if actor and actor.pk else None})
    except IntegrityError:
        pass
    report = (AnnualReport.objects.select_for_update(of=("self",)).select_related("agency")
              .get(agency=agency, year=year))
    if report.status != ReportStatus.DRAFT:
        raise TransitionError(_("报告已送审或已发布，须先退回或撤回为草稿才能重新计算。"))
    if include_departments is not None:
        report.include_departments = bool(include_departments) and agency.kind == Agency.Kind.GOVERNMENT
    ids = _agency_ids(agency, report.include_departments)
    data, sources, notes, facts = report_compute(agency_ids=ids, year=year)
    report.data = data.to_dict()
    report.sources = sources
    report.notes = notes
    report.differences = _department_differences(agency, year, data) if report.include_departments else []
    prose = prose_defaults(data=data, facts=facts, agency_name=agency.name, year=year, agency=agency)
    for field, text in prose.items():
        if refill_prose or not getattr(report, field).strip():
            setattr(report, field, text)
    report.findings = [f.to_dict() for f in report_findings(report=report)]
    report.computed_at = timezone.now()
    report.save()
    audit_record(actor=actor, action="report.compute", obj=report, to_state=report.status,
                 data={"year": year, "agencies": ids, "ok": findings_ok(report_findings(report=report))})
    return report


@transaction.atomic
def report_update_prose(*, report, actor, overview: str, problems: str, other_matters: str) -> AnnualReport:
    """Save the edited prose of sections 一, 五 and 六 of a draft."""
    report = AnnualReport.objects.select_for_update(of=("self",)).select_related("agency").get(pk=report.pk)
    _check_role(actor, report.agency, EDIT_ROLES)
    if report.status != ReportStatus.DRAFT:
        raise TransitionError(_("只有草稿可以修改。"))
    changed = []
    for field, value in (("overview", overview), ("problems", problems), ("other_matters", other_matters)):
        value = (value or "").strip()
        if getattr(report, field) != value:
            setattr(report, field, value)
            changed.append(field)
    if changed:
        report.save()
        audit_record(actor=actor, action="report.edit", obj=report, data={"fields": changed})
    return report


# --- Publishing through the catalog -------------------------------------------------------------------


def report_render_files(*, report) -> dict:
    """Return {"html", "docx", "xlsx"} renderings of the report."""
    from .renderers.docx import render_report_docx
    from .renderers.html import render_report_html
    from .renderers.xlsx import render_report_xlsx

    data = ReportData.from_dict(report.data or {})
    prose = {"overview": report.overview, "problems": report.problems, "other_matters": report.other_matters}
    return {
        "html": render_report_html(data=data, **prose),
        "docx": render_report_docx(data=data, title=report.title, **prose),
        "xlsx": render_report_xlsx(data=data, title=report.title),
    }


def _document_sync(report, actor):
    """Create or update the catalog document (category annual_report) and send it to review.

    The catalog writes run as the system: the report permission was checked above, and the
    catalog's own review (publish by a reviewer) still applies.
    """
    from gongkai.catalog.models import Category, Document, Genre, Status
    from gongkai.catalog.services import (attachment_add, attachment_remove, document_create,
                                          document_transition, document_update)

    files = report_render_files(report=report)
    fields = {"title": report.title, "category": Category.ANNUAL_REPORT, "genre": Genre.REPORT,
              "body_html": files["html"], "summary": report.overview[:300],
              "written_date": timezone.localdate(), "publish_date": None}
    doc = report.document
    if doc is not None:
        doc = Document.objects.get(pk=doc.pk)
        if doc.status == Status.WITHDRAWN:
            doc = document_transition(document=doc, action="reopen", actor=None, reason=_("更新年度报告"))
        if doc.status == Status.PUBLISHED:
            raise TransitionError(_("报告对应的公开文件仍在发布中，请先撤回。"))
        if doc.status == Status.PENDING:
            doc = document_transition(document=doc, action="return", actor=None, reason=_("更新年度报告"))
        doc = document_update(document=doc, actor=None, **fields)
        for att in list(doc.attachments.all()):
            attachment_remove(attachment=att, actor=None)
    else:
        doc = document_create(agency=report.agency, actor=None, **fields)
    attachment_add(document=doc, actor=None, name=f"{report.title}.docx", content=files["docx"],
                   content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    attachment_add(document=doc, actor=None, name=f"{report.title}.xlsx", content=files["xlsx"],
                   content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return document_transition(document=doc, action="submit", actor=None)


@transaction.atomic
def report_transition(*, report, action: str, actor, reason: str = "", from_document: bool = False) -> AnnualReport:
    """Take `action` (submit, publish, return, reopen) on `report`: the one place its status changes.

    `from_document=True` when the catalog document already moved (a reviewer acted on it in the
    catalog); then only the report follows.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(_("未知操作：%(action)s") % {"action": action})
    report = AnnualReport.objects.select_for_update(of=("self",)).select_related("agency").get(pk=report.pk)
    if report.status not in transition.sources:
        raise TransitionError(_("“%(status)s”状态的报告不能执行“%(action)s”。")
                              % {"status": report.get_status_display(), "action": transition.label})
    if not from_document:
        _check_role(actor, report.agency, transition.roles)
    reason = (reason or "").strip()
    if transition.reason_required and not reason and not from_document:
        raise TransitionError(_("“%(action)s”必须填写理由。") % {"action": transition.label})
    source = report.status
    data = {}
    if action == "submit":
        if not report.data:
            raise TransitionError(_("报告尚未生成数据。"))
        findings = report_findings(report=report)
        report.findings = [f.to_dict() for f in findings]
        if not findings_ok(findings):
            report.save(update_fields=["findings", "updated_at"])
            errors = [f.message for f in findings if f.severity == "error"]
            raise TransitionError(_("报告未通过检查，不能发布：") + "；".join(errors[:5]))
        report.document = _document_sync(report, actor)
        data["document"] = report.document.pk
    elif not from_document and report.document_id:
        from gongkai.catalog.services import document_transition

        doc_action = {"publish": "publish", "return": "return", "reopen": "withdraw"}[action]
        override = (reason or _template_override(report)) if action == "publish" else ""
        document_transition(document=report.document, action=doc_action, actor=actor,
                            reason=reason or _("年度报告%(action)s") % {"action": transition.label},
                            override_reason=override)
        report.refresh_from_db()
        if report.status == transition.target:
            return report  # the catalog signal already moved the report
    report.status = transition.target
    report.save()
    audit_record(actor=actor, action=f"report.{action}", obj=report, from_state=source, to_state=report.status,
                 reason=reason, data=data)
    return report


def _template_override(report) -> str:
    """An override reason for the pre-publish review when only the template's fixed wording warns.

    The pre-publish review reads the whole page, including the national template's own text (its
    勾稽关系 note is taken for a person's name). The staff-written prose is reviewed here on its own:
    only when it passes is the override given, so personal data in the prose still stops publication.
    """
    from gongkai.review.services import review_text

    prose = "\n".join((report.overview, report.problems, report.other_matters))
    if review_text(text=prose).verdict != "pass":
        return ""
    return _("年度报告表格为国家统一格式（国办公开办函〔2021〕30号）的固定文字；报告文字部分已单独审查通过。")


# Catalog action on the report's document → report action.
DOCUMENT_ACTIONS = {"publish": "publish", "return": "return", "withdraw": "reopen"}


def report_follow_document(*, document, action):
    """Keep a report's status in step when its catalog document is published, returned or withdrawn."""
    target = DOCUMENT_ACTIONS.get(action)
    if target is None:
        return
    for report in AnnualReport.objects.filter(document=document):
        if report.status in TRANSITIONS[target].sources:
            report_transition(report=report, action=target, actor=None, from_document=True,
                              reason=_("公开文件已%(action)s") % {"action": action})


# --- Checking uploaded reports --------------------------------------------------------------------


def report_check_upload(*, name: str, data: bytes, actor=None, agency=None, previous_name: str = "",
                        previous_data: bytes | None = None) -> UploadedCheck:
    """Parse and check a published report file (and last year's, for carry_over); keep the result."""
    from .verdict import check_result
    from .parser import report_parse

    if agency is not None and actor is not None:
        _check_role(actor, agency, EDIT_ROLES)
    parsed = report_parse(name=name, data=data)
    previous = report_parse(name=previous_name, data=previous_data) if previous_data else None
    result = check_result(data=parsed, previous=previous)
    stored = dict(result, table_a=parsed.table_a, table_c=parsed.table_c)
    with transaction.atomic():
        check = UploadedCheck.objects.create(
            agency=agency, file_name=name[:255], sha256=hashlib.sha256(data).hexdigest(),
            previous_name=(previous_name or "")[:255], result=stored, ok=result["ok"],
            uploaded_by=actor if actor and actor.pk else None)
        audit_record(actor=actor, action="report.check_upload", obj=check,
                     agency_id=agency.pk if agency else None, data={"file": name, "ok": result["ok"]})
    return check


def must_publish_report(agency) -> bool:
    """条例 Art. 49: 人民政府 and their 部门 publish an annual report; not the catch-all 其他机构 that
    imports file under, nor other bodies (事业单位 etc., Art. 55: their own sector rules)."""
    from gongkai.agencies.models import Agency

    return not agency.is_catch_all and agency.kind in (Agency.Kind.GOVERNMENT, Agency.Kind.DEPARTMENT)


def published_report_agency_ids(*, year: int, agency_ids) -> set:
    """Agencies whose report on `year` is public: generated here and published, or a 年报 in the
    catalog (imported or entered) whose title names the year."""
    from gongkai.catalog.models import Category, Document, Status

    done = set(AnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED, agency_id__in=agency_ids)
               .values_list("agency_id", flat=True))
    docs = Document.objects.filter(agency_id__in=agency_ids, category=Category.ANNUAL_REPORT,
                                   status=Status.PUBLISHED, title__contains=f"{year}年")
    return done | set(docs.values_list("agency_id", flat=True))


def deadline_warnings(*, agencies, today=None, window_days=30) -> list:
    """The agencies whose report on last year is not public as its deadline nears or passes."""
    today = today or timezone.localdate()
    year = today.year - 1
    agencies = [a for a in agencies if must_publish_report(a)]
    published = published_report_agency_ids(year=year, agency_ids=[a.pk for a in agencies])
    out = []
    for agency in agencies:
        if agency.pk in published:
            continue
        deadline = t.deadline_for(agency.kind, year)
        days = (deadline - today).days
        if days <= window_days:
            out.append({"agency": agency, "year": year, "deadline": deadline, "days_left": days,
                        "days_overdue": -days, "overdue": days < 0})
    return sorted(out, key=lambda w: (w["deadline"], w["agency"].name))
