"""The public, read-only catalog: published 主动公开 documents, the agency tree, the subject tree."""
from typing import Optional

from ninja import Query, Router

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Category, Genre, Subject, Validity
from gongkai.catalog.selectors import (document_get_public, document_get_public_by_index_no,
                                       document_list_public)

from .schemas import AgencyNode, DocumentDetail, DocumentPage, ErrorOut, SubjectNode

router = Router(tags=["公开目录"])

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
MAX_ID = 2**62  # ids and offsets beyond a 64-bit column are refused as invalid, not sent to SQL


def page_of(qs, *, limit, offset):
    """Slice a queryset into the page dict the list schemas expect."""
    return {"count": qs.count(), "limit": limit, "offset": offset, "items": list(qs[offset:offset + limit])}


@router.get("/documents", response=DocumentPage, summary="主动公开文件列表")
def documents_list(
    request,
    agency: Optional[str] = Query(None, max_length=60, description="发布机构编号或代号（含其下级机关）"),
    subject: Optional[int] = Query(None, ge=1, le=MAX_ID, description="主题分类编号（一级分类含其子类）"),
    year: Optional[int] = Query(None, ge=1, le=9999, description="发布年份，如 2024"),
    genre: Optional[Genre] = Query(None, description="文种，如 通知、意见、办法"),
    category: Optional[Category] = Query(None, description="信息类别代码，如 normative（行政规范性文件）"),
    validity: Optional[Validity] = Query(None, description="有效性代码：valid、amended、abolished、expired"),
    limit: int = Query(20, ge=1, le=MAX_LIMIT, description="每页条数（1–100）"),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="跳过的条数"),
):
    """List published 主动公开 documents, newest first, with the portal's filters."""
    filters = {"agency": agency, "subject": subject, "year": year,
               "genre": genre and genre.value, "category": category and category.value,
               "validity": validity and validity.value}
    return page_of(document_list_public(filters=filters), limit=limit, offset=offset)


@router.get("/documents/{int:id}", response={200: DocumentDetail, 404: ErrorOut}, summary="文件详情")
def documents_detail(request, id: int):
    """One published 主动公开 document with its body, attachments, relations and latest revision."""
    return document_get_public(pk=id)


@router.get("/documents/by-index/{path:index_no}", response={200: DocumentDetail, 404: ErrorOut},
            summary="按索引号查找文件")
def documents_by_index(request, index_no: str):
    """One published 主动公开 document found by its 索引号 (which may contain “/”)."""
    return document_get_public_by_index_no(index_no=index_no)


def _tree(nodes, fields):
    by_parent = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)

    def build(parent_id):
        return [{**{f: getattr(n, f) for f in fields}, "children": build(n.pk)}
                for n in by_parent.get(parent_id, [])]

    return build(None)


@router.get("/agencies", response=list[AgencyNode], summary="机关树")
def agencies_tree(request):
    """Every agency, nested under its parent."""
    agencies = Agency.objects.order_by("path", "sort_order", "id")
    return _tree(agencies, ("id", "name", "short_name", "slug", "kind", "level", "uscc"))


@router.get("/subjects", response=list[SubjectNode], summary="主题分类树")
def subjects_tree(request):
    """The 主题分类 taxonomy: the 22 national categories, their subcategories and local additions."""
    subjects = Subject.objects.order_by("sort_order", "id")
    return _tree(subjects, ("id", "name", "is_local"))
