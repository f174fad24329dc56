"""督办通知: a .docx in the project's 公文 layout (GB/T 9704, `foi.docx_layout`) to a lagging unit.
Level 1 is the office's 督办通知; level 2 (二级督办) is addressed to the unit's principal and copied to
the 分管领导. Numbered per plan agency and year: 〔2026〕1号."""
import datetime as dt
import io
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.core.errors import UserFacingError
from gongkai.foi import docx_layout as layout

from .models import SupervisionNotice, Task, UnitRole
from .transitions import PLAN_ROLES

TITLES = {1: "政务公开工作督办通知", 2: "政务公开工作二级督办通知"}


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_paragraphs(*, task, agency, level: int, issued_on: dt.date, number: str) -> list[tuple[str, str]]:
    plan = task.plan
    due = cn_date(task.due) if task.due else (task.deadline_raw or "规定时限")
    reply_by = cn_date(issued_on + dt.timedelta(days=7))
    body = [
        ("GwTitle", TITLES[level]),
        ("GwDocNo", number),
        ("GwDocNo", ""),
        ("GwAddressee", f"{agency.name}{'主要负责同志' if level == 2 else ''}："),
        ("GwBody", f"根据《{plan.title}》，你单位牵头负责第{task.no}项任务：“{task.content}”，完成时限为{due}。"),
        ("GwBody", f"截至{cn_date(issued_on)}，该项任务尚未办结，当前进度为{task.progress}%。"
                   + ("此前已发出督办通知，仍未按期完成，现予以二级督办。" if level == 2 else "现予以督办。")),
        ("GwBody", f"请你单位高度重视，于{reply_by}前完成相关工作，并通过政务公开平台报送办理进展和佐证材料；"
                   "确有困难需要延期或调整责任单位的，请在平台提出申请并说明理由。"),
    ]
    if level == 2:
        body.append(("GwBody", "本通知同时抄送你单位分管领导，办理情况将纳入政务公开工作年度考核。"))
    body += [("GwBody", ""), ("GwSignature", plan.agency.office_name or plan.agency.name),
             ("GwSignature", cn_date(issued_on))]
    return body


def notice_docx(paragraphs) -> bytes:
    from docx import Document

    doc = Document()
    layout.page_setup(doc)
    for p in list(doc.paragraphs):
        p._p.getparent().remove(p._p)
    last = len(paragraphs) - 1
    for i, (style, text) in enumerate(paragraphs):
        layout.add(doc, style, text, keep_next=i >= last - 3)
    doc.core_properties.title, doc.core_properties.author = paragraphs[0][1], "gongkai"
    # The stock template's stylesWithEffects part would keep python-docx's styles for Word 2010: drop its
    # relationship so the part is not written at all (a relationship to a missing part is a broken file).
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    out = io.BytesIO()
    doc.save(out)
    # python-docx's stock styles do not hold the 公文 styles: replace styles.xml with the layout's.
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src:
        items = {name: src.read(name) for name in src.namelist()}
    items["word/styles.xml"] = layout.STYLES_XML.encode()
    final = io.BytesIO()
    with zipfile.ZipFile(final, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in items.items():
            dst.writestr(name, data)
    return final.getvalue()


@transaction.atomic
def supervision_notice_issue(*, task, actor, agency=None, level: int = 1, issued_on: dt.date | None = None):
    """Write a 督办通知 to the task's lead unit (or `agency`); level 2 also escalates the task."""
    from django.utils import timezone

    from .services import task_transition

    task = Task.objects.select_for_update().select_related("plan__agency").get(pk=task.pk)
    role_require(user=actor, agency=task.plan.agency, roles=PLAN_ROLES)
    if level not in TITLES:
        raise UserFacingError(_("督办级别只能是一级或二级。"))
    if task.status not in ("pending", "in_progress"):
        raise UserFacingError(_("该任务已%(s)s，无需督办。") % {"s": task.get_status_display()})
    agency = agency or next((u.agency for u in task.units.select_related("agency") if u.role == UnitRole.LEAD), None)
    if agency is None:
        raise UserFacingError(_("该任务尚未确定牵头单位，请先映射责任单位。"))
    issued_on = issued_on or timezone.localdate()
    serial = SupervisionNotice.objects.filter(task__plan__agency=task.plan.agency,
                                              issued_on__year=issued_on.year).count() + 1
    number = f"督办〔{issued_on.year}〕{serial}号"
    data = notice_docx(notice_paragraphs(task=task, agency=agency, level=level, issued_on=issued_on, number=number))
    notice = SupervisionNotice(task=task, agency=agency, level=level, number=number, issued_on=issued_on,
                               created_by=actor if actor and actor.pk else None)
    notice.file.save(f"duban-{task.plan.year}-{task.pk}-{serial}.docx", ContentFile(data), save=False)
    notice.save()
    audit_record(actor=actor, action="oversight.notice", obj=task, agency_id=task.plan.agency_id,
                 data={"notice": notice.pk, "number": number, "level": level, "to": agency.pk})
    if level == 2 and task.escalation < 2:
        task_transition(task=task, action="escalate", actor=actor)
    return notice
