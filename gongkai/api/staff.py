"""Staff reads, authenticated by the Django session and scoped to the user's agencies."""
from typing import Optional

from ninja import Query, Router
from ninja.security import django_auth

from gongkai.catalog.models import Status
from gongkai.catalog.selectors import document_get_for_user
from gongkai.console.selectors import console_filters_clean, document_list_console

from .public import MAX_ID, MAX_LIMIT, MAX_OFFSET, page_of
from .schemas import ErrorOut, StaffDocumentDetail, StaffDocumentPage

router = Router(tags=["工作人员"], auth=django_auth)


@router.get("/documents", response={200: StaffDocumentPage, 401: ErrorOut}, summary="本机关文件列表")
def staff_documents_list(
    request,
    status: Optional[Status] = Query(None, description="状态：draft 草稿、pending 待审核、published 已发布、withdrawn 已撤回"),
    agency: Optional[int] = Query(None, ge=1, le=MAX_ID, description="机关编号（仅限本人所属机关）"),
    q: Optional[str] = Query(None, max_length=100, description="名称包含的文字"),
    limit: int = Query(20, ge=1, le=MAX_LIMIT, description="每页条数（1–100）"),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="跳过的条数"),
):
    """Documents of any status in the agencies the signed-in user works for."""
    params = {"status": status.value if status else "", "agency": str(agency or ""), "q": q or ""}
    filters = console_filters_clean(user=request.user, params=params)
    if agency and "agency" not in filters:
        return page_of(document_list_console(user=request.user).none(), limit=limit, offset=offset)
    return page_of(document_list_console(user=request.user, filters=filters), limit=limit, offset=offset)


@router.get("/documents/{int:id}", response={200: StaffDocumentDetail, 401: ErrorOut, 404: ErrorOut},
            summary="本机关文件详情")
def staff_documents_detail(request, id: int):
    """One document of the user's agencies, any status; 404 for documents of other agencies."""
    return document_get_for_user(user=request.user, pk=id)
