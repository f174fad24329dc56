"""JSON API of the review app (mounted at /api/review/): scan a text, read the integrity status."""
from typing import Any, Optional

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from gongkai.core.errors import PermissionDeniedError

from .selectors import integrity_latest_for_user, review_console_allowed
from .services import review_text

router = Router(tags=["公开前审查"], auth=django_auth)


MAX_SCAN_CHARS = 2_000_000
MAX_SCAN_HTML_CHARS = 5_000_000


class ScanIn(Schema):
    text: str = Field(..., description="待审查的文本（不超过 200 万字）")
    html: Optional[str] = Field(None, description="同一内容的 HTML（检查隐藏元素和外部链接；不超过 500 万字符）")
    context: str = Field("", max_length=300, description="文件标题（判断公示等语境）")


class ScanOut(Schema):
    verdict: str
    pii: list[dict[str, Any]]
    spam: dict[str, Any]
    secrecy: list[dict[str, Any]]


class IntegrityOut(Schema):
    ran_at: Optional[str]
    ok: Optional[bool]
    audit_entries: int = 0
    documents_checked: int = 0
    pages_checked: int = 0
    problems: list[dict[str, Any]] = []


def _require(request):
    if not review_console_allowed(user=request.user):
        raise PermissionDeniedError(_("只有审核、公开办和管理员角色可以使用审查接口。"))


@router.post("/scan", response=ScanOut, summary="审查一段文本")
def review_scan(request, payload: ScanIn):
    """Personal information, secrecy markers and injected spam in `text`; spans refer to `text`."""
    _require(request)
    if len(payload.text) > MAX_SCAN_CHARS or len(payload.html or "") > MAX_SCAN_HTML_CHARS:
        raise HttpError(413, _("文本超过 %(text)d 万字（HTML 超过 %(html)d 万字符），无法一次审查，请分段提交。")
                        % {"text": MAX_SCAN_CHARS // 10000, "html": MAX_SCAN_HTML_CHARS // 10000})
    return review_text(text=payload.text, html=payload.html, context=payload.context).to_dict()


@router.get("/integrity", response=IntegrityOut, summary="最近一次完整性检查")
def review_integrity(request):
    """The latest integrity run, with the problems the signed-in user may see."""
    _require(request)
    run, problems = integrity_latest_for_user(user=request.user)
    if run is None:
        return {"ran_at": None, "ok": None}
    return {"ran_at": run.started_at.isoformat(), "ok": run.ok, "audit_entries": run.audit_entries,
            "documents_checked": run.documents_checked, "pages_checked": run.pages_checked,
            "problems": problems}
