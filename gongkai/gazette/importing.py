"""Import of back issues: a CSV listing the documents of each issue, or one issue's printed PDF with its
metadata. All or nothing: a CSV with any bad row imports nothing and names every bad row in Chinese.

CSV columns (header row required; UTF-8, UTF-8 with BOM or GBK):
年, 期, 总期号, 出版日期 (YYYY-MM-DD), 序号, 文件 (索引号, or the exact title of a document of the agency
or its departments), 标准文本 (是/否, empty: by the document's kind), 栏目, 页码
"""
import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.catalog.models import Document
from gongkai.core.errors import UserFacingError

from .models import Issue
from .services import article_add, issue_create, issue_pdf_attach, issue_transition

COLUMNS = ("年", "期", "总期号", "出版日期", "序号", "文件", "标准文本", "栏目", "页码")
YES, NO = {"是", "y", "yes", "1", "true", "√"}, {"否", "n", "no", "0", "false", ""}


@dataclass
class ImportResult:
    issues: int = 0
    articles: int = 0
    errors: list = field(default_factory=list)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserFacingError(_("无法识别文件编码，请保存为 UTF-8 或 GBK 编码的 CSV。"))


def _int(value, label, errors, line):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        errors.append(_("第%(l)d行：%(c)s“%(v)s”不是整数。") % {"l": line, "c": label, "v": value})
        return None


def _document(agency, key: str):
    key = key.strip()
    scope = Document.objects.filter(agency__path__startswith=agency.path)
    return scope.filter(index_no=key).first() or scope.filter(title=key).order_by("-publish_date").first()


def _rows(text: str, agency, errors):
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS[:6] if c not in (reader.fieldnames or [])]
    if missing:
        raise UserFacingError(_("CSV 缺少列：%(c)s（应有：%(all)s）") % {"c": "、".join(missing), "all": "、".join(COLUMNS)})
    issues = {}
    for line, row in enumerate(reader, start=2):
        year = _int(row.get("年"), "年", errors, line)
        number = _int(row.get("期"), "期", errors, line)
        total = _int(row.get("总期号"), "总期号", errors, line)
        position = _int(row.get("序号"), "序号", errors, line)
        try:
            date = dt.date.fromisoformat((row.get("出版日期") or "").strip())
        except ValueError:
            errors.append(_("第%(l)d行：出版日期“%(v)s”应为 YYYY-MM-DD。") % {"l": line, "v": row.get("出版日期")})
            date = None
        document = _document(agency, row.get("文件") or "")
        if document is None:
            errors.append(_("第%(l)d行：未找到文件“%(v)s”（按索引号或标题）。") % {"l": line, "v": row.get("文件")})
        flag = (row.get("标准文本") or "").strip().lower()
        if flag not in YES | NO:
            errors.append(_("第%(l)d行：标准文本应填“是”或“否”。") % {"l": line})
        page = (row.get("页码") or "").strip()
        page = _int(page, "页码", errors, line) if page else None
        if None in (year, number, total, position, date, document):
            continue
        key = (year, number)
        meta = issues.setdefault(key, {"total": total, "date": date, "articles": []})
        if (meta["total"], meta["date"]) != (total, date):
            errors.append(_("第%(l)d行：%(y)d年第%(n)d期的总期号或出版日期与前面的行不一致。") % {"l": line, "y": year, "n": number})
        meta["articles"].append((position, document, flag in YES if flag else None, (row.get("栏目") or ""), page))
    return issues


@transaction.atomic
def issues_import_csv(*, agency, actor, data: bytes, publish: bool = False, dry_run: bool = False) -> ImportResult:
    result = ImportResult()
    issues = _rows(_decode(data), agency, result.errors)
    for (year, number) in issues:
        existing = Issue.objects.filter(agency=agency, year=year, number=number).first()
        if existing is not None:
            result.errors.append(_("%(y)d年第%(n)d期已存在，未重复导入。") % {"y": year, "n": number})
    if result.errors:
        raise UserFacingError("\n".join(result.errors))
    for (year, number), meta in sorted(issues.items()):
        issue = issue_create(agency=agency, actor=actor, year=year, number=number, total_number=meta["total"],
                             publish_date=meta["date"], imported=True)
        for _position, document, standard, section, page in sorted(meta["articles"], key=lambda a: a[0]):
            article_add(issue=issue, actor=actor, document=document, is_standard_text=standard, section=section,
                        page=page)
            result.articles += 1
        if publish:
            issue_transition(issue=issue, action="publish", actor=actor)
        result.issues += 1
    if dry_run:
        transaction.set_rollback(True)
    return result


@transaction.atomic
def issue_import_pdf(*, agency, actor, year: int, number: int, total_number: int, publish_date: dt.date,
                     name: str, data: bytes, publish: bool = False) -> Issue:
    """A back issue known only by its printed PDF."""
    issue = issue_create(agency=agency, actor=actor, year=year, number=number, total_number=total_number,
                         publish_date=publish_date, imported=True)
    issue = issue_pdf_attach(issue=issue, actor=actor, name=name, data=data)
    if publish:
        issue = issue_transition(issue=issue, action="publish", actor=actor)
    return issue
