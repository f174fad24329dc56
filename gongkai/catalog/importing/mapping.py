"""Map what a page says to the catalog: 发布机构 → agency (or the catch-all), 主题分类 → Subject, a
guessed 信息类别, and the Document fields of an extraction."""
import datetime as dt
import re

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_catch_all, agency_match_publisher
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category, Disclosure, Genre, Subject, Validity
from gongkai.core.text import normalize, strip_inner_spaces

CATCH_ALL_NAME = "其他机构"
CATCH_ALL_SLUG = "other"

VALIDITY_MAP = {"有效": Validity.VALID, "失效": Validity.EXPIRED, "废止": Validity.ABOLISHED,
                "已修改": Validity.AMENDED}
DISCLOSURE_MAP = {"主动公开": Disclosure.ACTIVE, "依申请公开": Disclosure.ON_REQUEST,
                  "不予公开": Disclosure.WITHHELD}


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


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def document_fields(extracted, *, name: str, title=None) -> dict:
    """The Document fields of an extraction; `title` is the draft title when none was found.

    实施日期 and 失效日期 become the catalog's 生效日期 and 失效日期 (the 规范性文件库 derives validity
    from them); a 统一登记号 is given only to 行政规范性文件, so a page carrying one that would
    otherwise be filed as 其他政策文件 is filed as 行政规范性文件. The 统一登记号 itself is not a
    Document field: the import hands it on through `catalog.signals.document_imported`."""
    f = extracted.fields
    genre = f["genre"] or Genre.OTHER
    subject = subject_match(label=f["subject"] or "")
    category = category_guess(title=f["title"] or "", genre=genre)
    if f.get("registration_no") and category == Category.POLICY:
        category = Category.NORMATIVE
    effective, expiry = _date(f.get("effective_date")), _date(f.get("expiry_date"))
    if effective and expiry and expiry < effective:
        expiry = None  # an impossible period: keep the start, leave the end to a person
    fields = {
        "title": (f["title"] or title)[:300],
        "title_pending": not f["title"],
        "doc_no": f["doc_no"] or "",
        "publisher_name": (f["publisher"] or "")[:200],
        "subject": subject,
        "subject_label": (f["subject"] or "")[:100],
        "genre": genre,
        "category": category,
        "keywords": (f["keywords"] or "")[:200],
        "written_date": _date(f["written_date"]),
        "publish_date": _date(f["publish_date"]),
        "effective_date": effective,
        "expiry_date": expiry,
        "validity": VALIDITY_MAP.get(f["validity"] or "", Validity.NONE),
        "disclosure": DISCLOSURE_MAP.get(f["disclosure"] or "", Disclosure.ACTIVE),
        "body_html": extracted.body_html,
        "source_name": (name or "")[-255:],
    }
    if f["index_no"]:
        fields["index_no"] = f["index_no"]
    return fields
