"""Demo 建议提案 (generated for the demo, marked 演示数据): 人大代表建议 and 政协委员提案 of this year's
sessions assigned to the city's departments, some replied and published, some in the review, one
whose 复文 is not yet published in time, one overdue and one due soon, and the yearly summary table
submitted for review. Idempotent: nothing is created when the demo sessions exist."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.catalog.services import document_transition

from .models import Proposal, ProposalKind, PublishMode
from .services import proposal_create, proposal_transition
from .summary import proposal_summary_publish

NPC = "市十六届人大三次会议"
CPPCC = "市政协十四届三次会议"
# (kind, number, title, proposer, lead, assist, assigned days ago, replied days ago, category, outcome)
# outcome: published / summary / review / replied / open
ITEMS = [
    ("suggestion", "101", "关于加快老旧小区加装电梯的建议", "王建国", "nrp", ["finance"], 100, 8, "A", "published"),
    ("suggestion", "102", "关于增加城区中小学学位供给的建议", "李秀英", "edu", ["nrp", "finance"], 100, 12, "B", "summary"),
    ("suggestion", "103", "关于规范校外培训机构收费的建议", "张伟", "edu", ["samr"], 95, 6, "A", "review"),
    ("suggestion", "104", "关于提高基层医疗卫生机构服务能力的建议", "刘芳", "health", ["finance"], 150, 70, "B", "replied"),
    ("suggestion", "105", "关于优化政务服务“一网通办”的建议", "陈静", "office", [], 98, None, "", "open"),
    ("suggestion", "106", "关于加强食品安全抽检信息公开的建议", "杨磊", "samr", ["health"], 75, None, "", "open"),
    ("motion", "18", "关于推进义务教育优质均衡发展的提案", "赵敏", "edu", ["finance"], 90, 10, "A", "published"),
    ("motion", "19", "关于完善城市更新资金保障机制的提案", "黄强", "finance", ["nrp"], 90, 9, "C", "published"),
    ("motion", "20", "关于建设社区嵌入式养老服务设施的提案", "周丽", "health", ["nrp"], 92, 5, "B", "review"),
    ("motion", "21", "关于加强历史文化街区保护的提案", "吴刚", "nrp", [], 60, None, "", "open"),
]
REPLY = ("{name}代表（委员）：\n您提出的《{title}》收悉。我单位高度重视，会同有关单位认真研究，现答复如下：\n"
         "一、基本情况。近年来，我市持续推进相关工作，取得阶段性成效。\n"
         "二、下一步工作。我们将进一步完善政策措施，加大资金和人员保障力度，定期向代表委员通报进展。\n"
         "感谢您对我市工作的关心和支持。联系人：市政府办公室，联系电话：0571-87001234。（演示数据）")


def load(*, stdout):
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=["city", "edu", "finance", "health", "nrp",
                                                                   "samr", "office"])}
    if len(agencies) < 7 or Proposal.objects.filter(session__in=[NPC, CPPCC]).exists():
        return
    today = timezone.localdate()
    with transaction.atomic():
        for kind, number, title, name, lead, assist, assigned, replied, category, outcome in ITEMS:
            p = proposal_create(actor=None, kind=kind, session=NPC if kind == ProposalKind.SUGGESTION else CPPCC,
                                number=number, title=f"{title}（演示数据）", proposer=name,
                                proposer_contact="13812345678", lead=agencies[lead],
                                assist=[agencies[a] for a in assist],
                                assigned_date=today - dt.timedelta(days=assigned))
            if outcome == "open":
                continue
            p = proposal_transition(proposal=p, action="reply", actor=None, category=category,
                                    reply_date=today - dt.timedelta(days=replied),
                                    reply_text=REPLY.format(name=name, title=title))
            if outcome == "replied":
                continue
            summary = (f"答复类别{category}类。已会同有关单位研究{title[2:-3]}，明确了下一步工作措施。（演示数据）"
                       if outcome == "summary" else "")
            p = proposal_transition(proposal=p, action="publish", actor=None,
                                    publish_mode=PublishMode.SUMMARY if summary else PublishMode.FULL, summary=summary)
            if outcome in ("published", "summary"):
                document_transition(document=p.document, action="publish", actor=None)
        proposal_summary_publish(agency=agencies["city"], year=today.year, actor=None)
    stdout.write(_("建议提案演示：%(n)d 件") % {"n": len(ITEMS)})
