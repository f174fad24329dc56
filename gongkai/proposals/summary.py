"""The yearly 建议提案办理情况统计表: counts by 答复类别 and 主办单位, shown on the console and written into
the catalog as a document (国办发〔2014〕46号 asks for the 办理总体情况 to be published too)."""
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category, Document
from gongkai.catalog.services import document_generated_submit
from gongkai.core.errors import UserFacingError

from .models import Proposal, ProposalKind, ProposalStatus, ReplyCategory
from .transitions import MANAGE_ROLES

COLUMNS = ["total", "A", "B", "C", "pending", "on_time", "published"]


def summary_rows(*, agency_ids, year: int) -> tuple[list[dict], dict]:
    """[{unit, kind, total, A, B, C, pending, on_time, published}] per 主办单位 and kind, and the totals
    (grouped counts in the database)."""
    answered = ~Q(status=ProposalStatus.ASSIGNED)
    counts = (Proposal.objects.filter(assigned_date__year=year, lead_id__in=agency_ids).values("lead_id", "kind")
              .annotate(total=Count("id"), pending=Count("id", filter=Q(status=ProposalStatus.ASSIGNED)),
                        on_time=Count("id", filter=Q(reply_date__lte=F("due_date"))),
                        published=Count("id", filter=Q(status=ProposalStatus.PUBLISHED)),
                        **{c: Count("id", filter=answered & Q(category=c)) for c in ReplyCategory.values})
              .order_by())
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={r["lead_id"] for r in counts}).only("name", "path")}
    rows = [{"unit": agencies[r["lead_id"]].name, "kind": ProposalKind(r["kind"]).label,
             **{c: r[c] for c in COLUMNS}}
            for r in sorted(counts, key=lambda r: (agencies[r["lead_id"]].path, r["kind"]))]
    totals = {c: sum(r[c] for r in rows) for c in COLUMNS}
    return rows, totals


def summary_html(*, rows, totals, year) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("主办单位", "类型", "件数", "A类", "B类", "C类", "办理中", "按期答复",
                                             "已公开"))
    body = "".join("<tr>" + f"<td>{escape(r['unit'])}</td><td>{escape(str(r['kind']))}</td>"
                   + "".join(f"<td>{r[c]}</td>" for c in COLUMNS) + "</tr>" for r in rows)
    total = "<tr><td>合计</td><td></td>" + "".join(f"<td>{totals[c]}</td>" for c in COLUMNS) + "</tr>"
    return (f"<p>{year}年度人大代表建议和政协委员提案办理情况统计如下（A类：所提问题已经解决或者采纳；B类：正在解决或者"
            f"列入计划解决；C类：因条件限制或其他原因需以后解决或留作参考）。</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}{total}</tbody></table>")


@transaction.atomic
def proposal_summary_publish(*, agency, year: int, actor) -> Document:
    """Write the year's summary table for `agency` and its subtree into the catalog and submit it for
    review (a new version replaces an unpublished draft)."""
    role_require(user=actor, agency=agency, roles=MANAGE_ROLES)
    ids = list(agency.descendants().values_list("pk", flat=True))
    rows, totals = summary_rows(agency_ids=ids, year=year)
    if not rows:
        raise UserFacingError(_("%(year)d年度尚无建议提案。") % {"year": year})
    from .services import proposal_subject

    document = document_generated_submit(
        agency=agency, title=f"{agency.name}{year}年度建议提案办理情况统计表",
        body_html=summary_html(rows=rows, totals=totals, year=year), subject=proposal_subject(),
        category=Category.OTHER, written_date=timezone.localdate(), publisher_name=agency.name)
    audit_record(actor=actor, action="proposal.summary_publish", obj=document, agency_id=agency.pk,
                 data={"year": year, **totals})
    return document


def summary_years(*, agency_ids) -> list[int]:
    years = (Proposal.objects.filter(lead_id__in=agency_ids).values("assigned_date__year")
             .annotate(n=Count("id")).values_list("assigned_date__year", flat=True))
    return sorted(set(years), reverse=True)
