"""数据需求: the public asks for a dataset (public form with the challenge and a query code). The
text goes through the review before it is shown: a clean text is public at once, anything the review
warns about or blocks waits for staff, who publish it de-identified or keep it hidden. The answer is a
disposition from the 意见征集 ledger's vocabulary with a required reason."""
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.consultations.models import Disposition
from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.core.querycode import query_code_hash, query_code_new
from gongkai.review.services import deidentify, review_text

from .models import DataRequest, DataRequestStatus as S
from .transitions import REVIEW_ROLES

# 采纳: the dataset will be opened; 已有规定 reads here as 已开放 (link the dataset).
DISPOSITIONS = [(v, label) for v, label in Disposition.choices if v]


@transaction.atomic
def data_request_submit(*, title: str, description: str, agency=None, requester: str = "",
                        email: str = "") -> tuple[DataRequest, str]:
    title, description = (title or "").strip(), (description or "").strip()
    if not title or not description:
        raise UserFacingError(_("请填写需求名称和需求描述。"))
    report = review_text(text=f"{title}\n{description}")
    code = query_code_new()
    req = DataRequest.objects.create(
        title=title[:200], description=description, agency=agency, requester=requester.strip()[:60],
        email=email.strip(), number=f"XQ{timezone.localdate():%Y%m%d}{secrets.randbelow(10**5):05d}",
        query_code_hash=query_code_hash(code), review_verdict=report.verdict,
        status=S.PUBLISHED if report.verdict == "pass" else S.REVIEW)
    audit_record(actor=None, action="opendata.request_submit", obj=req, agency_id=agency.pk if agency else None,
                 to_state=req.status, data={"verdict": report.verdict})
    return req, code


def _locked(req, actor):
    req = DataRequest.objects.select_for_update(of=("self",)).select_related("agency").get(pk=req.pk)
    if req.agency is not None:
        role_require(user=actor, agency=req.agency, roles=REVIEW_ROLES)
    elif actor is not None and not actor.is_superuser:
        from gongkai.agencies.selectors import agency_ids_for_user

        if not agency_ids_for_user(user=actor, roles=REVIEW_ROLES):
            raise TransitionError(_("您没有处理数据需求的权限。"))
    return req


@transaction.atomic
def data_request_moderate(*, req, actor, publish: bool) -> DataRequest:
    """Publish a held request (personal data masked) or keep it hidden."""
    req = _locked(req, actor)
    if req.status != S.REVIEW:
        raise TransitionError(_("该需求不在待审查状态。"))
    if publish:
        req.title, req.description = deidentify(req.title), deidentify(req.description)
    req.status = S.PUBLISHED if publish else S.HIDDEN
    req.save()
    audit_record(actor=actor, action="opendata.request_moderate", obj=req, from_state=S.REVIEW, to_state=req.status,
                 agency_id=req.agency_id)
    return req


@transaction.atomic
def data_request_answer(*, req, actor, disposition: str, reason: str, dataset=None) -> DataRequest:
    req = _locked(req, actor)
    if req.status not in (S.PUBLISHED, S.REVIEW, S.ANSWERED):
        raise TransitionError(_("该需求不能答复。"))
    if disposition not in dict(DISPOSITIONS):
        raise UserFacingError(_("请选择处理结果。"))
    reason = (reason or "").strip()
    if not reason:
        raise UserFacingError(_("请填写答复说明。"))
    report = review_text(text=reason)
    if report.verdict == "block":
        raise UserFacingError(_("答复说明含有不宜公开的内容（如身份证号），请修改后再提交。"))
    source = req.status
    req.disposition, req.reason, req.dataset, req.answered_at = disposition, reason, dataset, timezone.now()
    if req.status == S.REVIEW:
        req.title, req.description = deidentify(req.title), deidentify(req.description)
    req.status = S.ANSWERED
    req.save()
    audit_record(actor=actor, action="opendata.request_answer", obj=req, from_state=source, to_state=req.status,
                 agency_id=req.agency_id, data={"disposition": disposition})
    return req
