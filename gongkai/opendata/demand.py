"""数据需求: the public asks for a dataset (public form with the challenge and a query code). The
text goes through the review before it is shown: a clean text is public at once, anything the review
warns about or blocks waits for staff, who publish it de-identified or keep it hidden. The answer is a
disposition from the 意见征集 ledger's vocabulary with a required reason, optionally linking the
dataset that answers it.

Reply deadline: OPENDATA_REQUEST_WORKDAYS (default 10, a local choice) working days after submission
on workdays.calendar. 同类需求: a new request whose text is alike (core.similarity) to an earlier open
request of the same agency joins that request's group; staff may answer a whole group at once."""
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.consultations.models import Disposition
from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.core.querycode import query_code_hash, query_code_new
from gongkai.core.similarity import THRESHOLD, fingerprint, similarity
from gongkai.review.services import deidentify, review_text
from gongkai.workdays.calendar import add_workdays

from .models import DataRequest, DataRequestStatus as S, DatasetStatus
from .transitions import REVIEW_ROLES

OPEN = (S.REVIEW, S.PUBLISHED)  # waiting for an answer
GROUP_SCAN = 500  # the most recent open group heads a new request is compared with


def request_workdays() -> int:
    return int(getattr(settings, "OPENDATA_REQUEST_WORKDAYS", 10))


def group_head_find(*, title: str, description: str, agency) -> DataRequest | None:
    """The earliest open group head (same agency, or both without) whose title or whole text is alike."""
    fp_title, fp_text = fingerprint(title), fingerprint(f"{title}{description}")
    heads = list(DataRequest.objects.filter(group_head__isnull=True, status__in=OPEN, agency=agency)
                 .order_by("-id")[:GROUP_SCAN])
    for head in reversed(heads):
        if (similarity(fp_title, fingerprint(head.title)) >= THRESHOLD
                or similarity(fp_text, fingerprint(f"{head.title}{head.description}")) >= THRESHOLD):
            return head
    return None

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
    head = group_head_find(title=title[:200], description=description, agency=agency)
    req = DataRequest.objects.create(
        due_date=add_workdays(timezone.localdate(), request_workdays()).date, group_head=head,
        title=title[:200], description=description, agency=agency, requester=requester.strip()[:60],
        email=email.strip(), number=f"XQ{timezone.localdate():%Y%m%d}{secrets.randbelow(10**5):05d}",
        query_code_hash=query_code_hash(code), review_verdict=report.verdict,
        status=S.PUBLISHED if report.verdict == "pass" else S.REVIEW)
    audit_record(actor=None, action="opendata.request_submit", obj=req, agency_id=agency.pk if agency else None,
                 to_state=req.status, data={"verdict": report.verdict, "group_head": head.pk if head else None})
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


def _dataset_check(actor, dataset) -> None:
    """A linked dataset is public (published) or one of the actor's agencies' (to be published)."""
    if dataset is None or dataset.status == DatasetStatus.PUBLISHED or actor is None or actor.is_superuser:
        return
    from gongkai.agencies.selectors import agency_ids_for_user

    if dataset.agency_id not in set(agency_ids_for_user(user=actor)):
        raise UserFacingError(_("只能关联已发布的数据集或本部门的数据集。"))


def request_group(req) -> list[DataRequest]:
    """The request's group: its head and the head's members, oldest first."""
    head_id = req.group_head_id or req.pk
    return list(DataRequest.objects.filter(pk=head_id) | DataRequest.objects.filter(group_head_id=head_id))


@transaction.atomic
def data_request_answer(*, req, actor, disposition: str, reason: str, dataset=None,
                        whole_group: bool = False) -> DataRequest:
    """Answer a request (with `whole_group`, also every open request of its 同类需求 group) with a
    disposition, a reason and optionally the dataset that answers it."""
    if disposition not in dict(DISPOSITIONS):
        raise UserFacingError(_("请选择处理结果。"))
    reason = (reason or "").strip()
    if not reason:
        raise UserFacingError(_("请填写答复说明。"))
    report = review_text(text=reason)
    if report.verdict == "block":
        raise UserFacingError(_("答复说明含有不宜公开的内容（如身份证号），请修改后再提交。"))
    _dataset_check(actor, dataset)
    main = _answer_one(_locked(req, actor), actor, disposition, reason, dataset)
    if whole_group:
        for other in sorted(request_group(main), key=lambda r: r.pk):
            if other.pk != main.pk and other.status in OPEN:
                _answer_one(_locked(other, actor), actor, disposition, reason, dataset, group_of=main.pk)
    return main


def _answer_one(req, actor, disposition, reason, dataset, group_of=None) -> DataRequest:
    if req.status not in (S.PUBLISHED, S.REVIEW, S.ANSWERED):
        raise TransitionError(_("该需求不能答复。"))
    source = req.status
    req.disposition, req.reason, req.dataset, req.answered_at = disposition, reason, dataset, timezone.now()
    if req.status == S.REVIEW:
        req.title, req.description = deidentify(req.title), deidentify(req.description)
    req.status = S.ANSWERED
    req.save()
    audit_record(actor=actor, action="opendata.request_answer", obj=req, from_state=source, to_state=req.status,
                 agency_id=req.agency_id, data={"disposition": disposition, "dataset": dataset.pk if dataset else None,
                                                "group_of": group_of})
    return req
