"""Import one file as a catalog document: read, extract, file under an agency, save, publish."""
import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_catch_all, agency_match_publisher
from gongkai.audit.services import audit_record
from gongkai.catalog.docno import normalize_doc_no
from gongkai.catalog.models import Category, Disclosure, Document, Genre, Subject, Validity
from gongkai.catalog.services import document_create, document_transition
from gongkai.core.errors import UserFacingError
from gongkai.core.text import normalize, strip_inner_spaces

from .extract import EXTRACTED_KEYS, extract
from .readers import ReadError, read_document

CATCH_ALL_NAME = "其他机构"
CATCH_ALL_SLUG = "other"

VALIDITY_MAP = {"有效": Validity.VALID, "失效": Validity.EXPIRED, "废止": Validity.ABOLISHED,
                "已修改": Validity.AMENDED}
DISCLOSURE_MAP = {"主动公开": Disclosure.ACTIVE, "依申请公开": Disclosure.ON_REQUEST,
                  "不予公开": Disclosure.WITHHELD}


@dataclass
class ImportResult:
    name: str
    ok: bool
    error: str = ""
    document: Document = None
    extracted: dict = field(default_factory=dict)
    duplicate: bool = False  # the file was imported before; `document` is the existing one
    published: bool = False
    warning: str = ""  # e.g. why publishing was blocked (the document is kept as a draft)


def document_extract(*, name: str, data: bytes):
    """Read and extract `data` without saving anything; raise ReadError when unreadable."""
    extracted = extract(read_document(name=name, data=data), name=name)
    if extracted.fields["body_chars"] == 0:
        raise ReadError(_("文件中没有可导入的正文内容。"))
    return extracted


def agency_catch_all_ensure(*, actor=None) -> Agency:
    """Return the catch-all agency, creating “其他机构” when there is none."""
    agency = agency_catch_all()
    if agency is not None:
        return agency
    with transaction.atomic():
        agency, created = Agency.objects.get_or_create(
            slug=CATCH_ALL_SLUG,
            defaults={"name": CATCH_ALL_NAME, "kind": Agency.Kind.OTHER, "is_catch_all": True},
        )
        if not agency.is_catch_all:
            agency.is_catch_all = True
            agency.save(update_fields=["is_catch_all"])
        if created:
            audit_record(actor=actor, action="agency.create", obj=agency,
                         data={"name": agency.name, "reason": "import catch-all"})
    return agency


def agency_for_publisher(*, publisher: str):
    """Match a 发布机构 text to an agency: as given, then without a parenthesised remark."""
    if not publisher:
        return None
    agency = agency_match_publisher(name=publisher)
    if agency is None:
        bare = re.split(r"[(（]", publisher, 1)[0]
        if bare and bare != publisher:
            agency = agency_match_publisher(name=bare)
    return agency


def subject_match(*, label: str):
    """Find the Subject a 主题分类 text names (`综合政务\\政务公开`, `政务公开`, `政府工作`)."""
    if not label:
        return None
    parts = [strip_inner_spaces(normalize(p)) for p in re.split(r"[\\/>＼]", label) if p.strip()]
    if not parts:
        return None
    leaf = parts[-1]
    if len(parts) >= 2:
        match = Subject.objects.filter(name=leaf, parent__name=parts[-2]).first()
        if match:
            return match
    candidates = list(Subject.objects.filter(name=leaf).select_related("parent"))
    if leaf == "其他":
        return None  # ambiguous without its parent
    children = [s for s in candidates if s.parent_id]
    tops = [s for s in candidates if not s.parent_id]
    return (children[0] if len(children) == 1 else None) or (tops[0] if tops else None)


def category_guess(*, title: str, genre: str) -> str:
    t = normalize(title or "")
    if "年度报告" in t or "年报" in t:
        return Category.ANNUAL_REPORT
    if "意见征集" in t or "征求意见" in t:
        return Category.CONSULTATION
    if "解读" in t or genre == Genre.INTERPRETATION:
        return Category.INTERPRETATION
    if "规划" in t or "计划" in t or "工作要点" in t:
        return Category.PLAN
    if "工作动态" in t or "工作总结" in t or "任务分解" in t:
        return Category.WORK
    if genre in (Genre.ANNOUNCEMENT, Genre.PUBLIC_NOTICE):
        return Category.NOTICE
    return Category.POLICY


def _document_fields(extracted, *, name: str) -> dict:
    f = extracted.fields
    genre = f["genre"] or Genre.OTHER
    subject = subject_match(label=f["subject"] or "")
    fields = {
        "title": f["title"][:300],
        "doc_no": f["doc_no"] or "",
        "publisher_name": (f["publisher"] or "")[:200],
        "subject": subject,
        "subject_label": (f["subject"] or "")[:100],
        "genre": genre,
        "category": category_guess(title=f["title"], genre=genre),
        "keywords": (f["keywords"] or "")[:200],
        "written_date": dt.date.fromisoformat(f["written_date"]) if f["written_date"] else None,
        "publish_date": dt.date.fromisoformat(f["publish_date"]) if f["publish_date"] else None,
        "validity": VALIDITY_MAP.get(f["validity"] or "", Validity.NONE),
        "disclosure": DISCLOSURE_MAP.get(f["disclosure"] or "", Disclosure.ACTIVE),
        "body_html": extracted.body_html,
        "source_name": (name or "")[-255:],
    }
    if f["index_no"]:
        fields["index_no"] = f["index_no"]
    return fields


def document_find_duplicate(*, agency, extracted):
    """The document this file was already imported as: same 索引号, or same agency+title+文号."""
    f = extracted.fields
    if f["index_no"]:
        existing = Document.objects.filter(index_no=f["index_no"]).first()
        if existing:
            return existing
    return Document.objects.filter(agency=agency, title=f["title"],
                                   doc_no=normalize_doc_no(f["doc_no"] or "")).first()


def document_import(*, name: str, data: bytes, agency=None, actor=None, publish=False,
                    dry_run=False) -> ImportResult:
    """Import one .txt/.html/.docx file as a document of `agency` (matched from 发布机构 when None).

    Nothing is saved for a file that cannot be read. A file imported before is reported as a
    duplicate. With `publish`, the draft is submitted and published at once (the pre-publish review
    still applies; when it blocks, the document stays a draft and `warning` says why).
    """
    try:
        extracted = document_extract(name=name, data=data)
    except UserFacingError as exc:
        return ImportResult(name=name, ok=False, error=exc.message)
    fields = {k: extracted.fields.get(k) for k in EXTRACTED_KEYS}
    if dry_run:
        return ImportResult(name=name, ok=True, extracted=fields)
    if not fields["title"]:
        return ImportResult(name=name, ok=False, extracted=fields,
                            error=_("未能识别文件标题：请在正文前写明标题，或在元数据中填写“名称”。"))
    try:
        with transaction.atomic():  # a refused file leaves nothing behind, not even a catch-all agency
            if agency is None:
                agency = (agency_for_publisher(publisher=fields["publisher"] or "")
                          or agency_catch_all_ensure(actor=actor))
            existing = document_find_duplicate(agency=agency, extracted=extracted)
            if existing is not None:
                return ImportResult(
                    name=name, ok=False, duplicate=True, document=existing, extracted=fields,
                    error=_("该文件已导入过（《%(title)s》，索引号 %(no)s），未重复保存。")
                    % {"title": existing.title, "no": existing.index_no or _("尚未分配")},
                )
            document = document_create(agency=agency, actor=actor, **_document_fields(extracted, name=name))
    except UserFacingError as exc:
        return ImportResult(name=name, ok=False, error=exc.message, extracted=fields)
    result = ImportResult(name=name, ok=True, document=document, extracted=fields)
    if publish:
        try:
            with transaction.atomic():
                document_transition(document=document, action="submit", actor=actor)
                document = document_transition(document=document, action="publish", actor=actor)
            result.document = document
            result.published = True
        except UserFacingError as exc:
            result.document = Document.objects.get(pk=document.pk)
            result.warning = _("未能发布，已保存为草稿：%(reason)s") % {"reason": exc.message}
    return result
