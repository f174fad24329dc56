"""Every write of the 公报 app: in a transaction, row-locked, role-checked, audited."""
import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category, Document, Status
from gongkai.core.workflow import transition_pick
from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.ops.uploads import upload_check, upload_save

from .models import Article, Issue, IssueStatus
from .transitions import EDIT_ROLES, TRANSITIONS

STANDARD_CATEGORIES = (Category.REGULATION, Category.NORMATIVE)


def _locked(issue) -> Issue:
    return Issue.objects.select_for_update().select_related("agency").get(pk=issue.pk)


def _editable(issue: Issue, actor):
    role_require(user=actor, agency=issue.agency, roles=EDIT_ROLES)
    if issue.status != IssueStatus.DRAFT:
        raise TransitionError(_("该期公报已%(s)s，不能再修改目录。") % {"s": issue.get_status_display()})


def _check_numbers(year, number, total_number):
    if not 1900 <= int(year) <= 2100:
        raise UserFacingError(_("年份无效：%(y)s") % {"y": year})
    if int(number) < 1 or int(total_number) < 1:
        raise UserFacingError(_("期号和总期号须为正整数。"))


@transaction.atomic
def issue_create(*, agency, actor, year: int, number: int, total_number: int, publish_date: dt.date,
                 imported: bool = False) -> Issue:
    role_require(user=actor, agency=agency, roles=EDIT_ROLES)
    _check_numbers(year, number, total_number)
    if publish_date.year != int(year):
        raise UserFacingError(_("出版日期（%(d)s）不在%(y)s年。") % {"d": publish_date.isoformat(), "y": year})
    if Issue.objects.filter(agency=agency, year=year, number=number).exists():
        raise UserFacingError(_("%(y)s年第%(n)s期已存在。") % {"y": year, "n": number})
    if Issue.objects.filter(agency=agency, total_number=total_number).exists():
        raise UserFacingError(_("总第%(t)s期已存在。") % {"t": total_number})
    try:
        with transaction.atomic():
            issue = Issue.objects.create(agency=agency, year=year, number=number, total_number=total_number,
                                         publish_date=publish_date, imported=imported,
                                         created_by=actor if actor and actor.pk else None)
    except IntegrityError as exc:
        raise UserFacingError(_("该期次已存在。")) from exc
    audit_record(actor=actor, action="gazette.create", obj=issue, to_state=issue.status,
                 data={"year": year, "number": number, "total_number": total_number, "imported": imported})
    return issue


def _renumber(issue):
    for i, article in enumerate(issue.articles.order_by("position", "id"), start=1):
        if article.position != i:
            Article.objects.filter(pk=article.pk).update(position=i)


@transaction.atomic
def article_add(*, issue: Issue, actor, document: Document, section: str = "", is_standard_text=None,
                page=None, position=None) -> Article:
    """Put a catalog document into the issue (at the end, or at `position`); a 规章 or 行政规范性文件 is
    the 标准文本 unless stated otherwise."""
    issue = _locked(issue)
    _editable(issue, actor)
    if not document.agency.path.startswith(issue.agency.path):
        raise UserFacingError(_("只能收录本机关及其所属部门的文件。"))
    if document.status == Status.WITHDRAWN:
        raise UserFacingError(_("文件《%(t)s》已撤回，不能收录。") % {"t": document.title})
    if issue.articles.filter(document=document).exists():
        raise UserFacingError(_("文件《%(t)s》已在本期目录中。") % {"t": document.title})
    last = issue.articles.aggregate(m=Max("position"))["m"] or 0
    if position is not None and 1 <= int(position) <= last:
        issue.articles.filter(position__gte=int(position)).update(position=F("position") + 1)
        at = int(position)
    else:
        at = last + 1
    article = Article.objects.create(
        issue=issue, position=at, document=document, section=(section or "").strip(), page=page,
        is_standard_text=(document.category in STANDARD_CATEGORIES if is_standard_text is None
                          else bool(is_standard_text)))
    audit_record(actor=actor, action="gazette.article_add", obj=issue,
                 data={"document": document.pk, "position": at, "standard": article.is_standard_text})
    return article


@transaction.atomic
def article_move(*, article: Article, actor, direction: str) -> Article:
    """Swap an article with its neighbour ("up" or "down")."""
    issue = _locked(article.issue)
    _editable(issue, actor)
    _renumber(issue)
    article = Article.objects.select_for_update().get(pk=article.pk)
    target = article.position - 1 if direction == "up" else article.position + 1
    other = issue.articles.filter(position=target).first()
    if direction not in ("up", "down") or other is None:
        raise UserFacingError(_("已在目录最前或最后。"))
    Article.objects.filter(pk=other.pk).update(position=article.position)
    Article.objects.filter(pk=article.pk).update(position=target)
    audit_record(actor=actor, action="gazette.article_move", obj=issue,
                 data={"document": article.document_id, "from": article.position, "to": target})
    article.refresh_from_db()
    return article


@transaction.atomic
def article_update(*, article: Article, actor, section=None, is_standard_text=None, page=None) -> Article:
    issue = _locked(article.issue)
    _editable(issue, actor)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if section is not None:
        article.section = section.strip()
    if is_standard_text is not None:
        article.is_standard_text = bool(is_standard_text)
    if page is not None:
        article.page = page or None
    article.save()
    audit_record(actor=actor, action="gazette.article_update", obj=issue,
                 data={"document": article.document_id, "standard": article.is_standard_text,
                       "section": article.section, "page": article.page})
    return article


@transaction.atomic
def article_remove(*, article: Article, actor):
    issue = _locked(article.issue)
    _editable(issue, actor)
    audit_record(actor=actor, action="gazette.article_remove", obj=issue, data={"document": article.document_id})
    article.delete()
    _renumber(issue)


@transaction.atomic
def issue_pdf_attach(*, issue: Issue, actor, name: str, data: bytes, generated: bool = False) -> Issue:
    """Store the printed edition (checked by content: PDF only)."""
    issue = _locked(issue)
    role_require(user=actor, agency=issue.agency, roles=EDIT_ROLES)
    if issue.status == IssueStatus.PUBLISHED and not generated:
        raise TransitionError(_("已出版的公报不能替换PDF，请先撤回。"))
    checked = upload_check(name=name, data=data, allowed={"pdf"})
    issue.pdf = upload_save(directory=f"gazette/{issue.year}", checked=checked)
    issue.pdf_sha256 = checked.sha256
    issue.pdf_generated = generated
    issue.save(update_fields=["pdf", "pdf_sha256", "pdf_generated"])
    audit_record(actor=actor, action="gazette.pdf", obj=issue, data={"sha256": checked.sha256, "generated": generated})
    return issue


@transaction.atomic
def issue_transition(*, issue: Issue, action: str, actor, reason: str = "") -> Issue:
    """The one place a 公报 issue's status changes."""
    issue = _locked(issue)
    tr = transition_pick(TRANSITIONS, action, obj=issue, reason=reason,
                         authorize=lambda t: role_require(user=actor, agency=issue.agency, roles=t.roles))
    if action == "publish":
        articles = list(issue.articles.select_related("document"))
        if not articles and not issue.pdf:
            raise TransitionError(_("本期公报既无目录文件也无印刷版PDF，不能出版。"))
        unpublished = [a.document.title for a in articles if a.document.status != Status.PUBLISHED]
        if unpublished:
            raise TransitionError(_("以下文件尚未发布，不能出版：%(t)s") % {"t": "、".join(unpublished[:5])})
        issue.published_at = timezone.now()
    old = issue.status
    issue.status = tr.target
    if tr.reason_required:
        issue.status_reason = reason.strip()
    issue.save()
    audit_record(actor=actor, action=f"gazette.{action}", obj=issue, from_state=old, to_state=issue.status,
                 reason=reason)
    return issue
