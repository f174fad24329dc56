"""Demo mailboxes (市长信箱, 市教育局信箱, 12345 综合留言) with replied and rated, overdue, waiting and
rejected messages over the last weeks (the overdue one under 督办, its reminders recorded; one passed on
to the county), and last month's statistics published as a catalog document. Messages are written for the demo and entered through the
services as history (the system dating each step). Idempotent: skipped when the mailboxes exist."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.catalog.services import document_transition
from gongkai.workdays.calendar import add_workdays

from .models import Mailbox, Rating
from .reminders import reminders_send
from .services import message_submit, message_transition
from .stats import stats_publish

BOXES = [("mayor", "市长信箱", "leader", "city", "向市长反映问题、提出建议。"),
         ("edu", "市教育局信箱", "department", "edu", "教育领域的咨询、建议和投诉。"),
         ("12345", "12345综合留言", "general", "city", "12345政务服务便民热线网上渠道。")]
# (box, type, title, body, name, outcome): outcome replied/overdue/waiting/rejected/unsatisfied
MESSAGES = [
    ("mayor", "suggest", "建议延长市民中心周末开放时间", "市民中心周末只开半天，上班族办事不便，建议周六全天开放。", "吴一", "replied"),
    ("mayor", "complain", "青石街夜间施工噪音扰民", "青石街工地每晚十一点后仍在施工，影响休息。", "郑二", "unsatisfied"),
    ("edu", "consult", "小学入学需要哪些材料", "孩子明年上小学，请问报名需要准备哪些材料？", "冯三", "replied"),
    ("edu", "complain", "学校收取资料费是否合规", "某小学向学生收取资料费每人200元，是否符合规定？", "", "overdue"),
    ("12345", "help", "人民路路灯损坏", "人民路与文昌路交叉口路灯损坏一周，夜间出行不安全。", "陈四", "replied"),
    ("12345", "consult", "公积金提取咨询", "租房提取公积金需要什么条件？", "", "waiting"),
    ("12345", "complain", "邻里纠纷起诉", "邻居占用楼道，我已向法院起诉，请政府判决。", "褚五", "rejected"),
]
# messages the mailbox's 公开办 passes on (转办) after 受理, to the unit that answers them (on its 本单位转出 list)
PASSED_ON = {"青石街夜间施工噪音扰民": "county"}
REPLIES = {"replied": "您好，来信收悉。经研究，已将您的意见转有关单位落实，具体安排将在门户网站公布。感谢您的关注。（演示数据）",
           "unsatisfied": "您好，经核查，已责令施工单位夜间22时后停止高噪声作业。（演示数据）"}


def load(*, stdout):
    if Mailbox.objects.filter(slug__in=[b[0] for b in BOXES]).exists():
        return
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=["city", "edu", "county"])}
    if "city" not in agencies or "edu" not in agencies:
        return
    today = timezone.localdate()
    with transaction.atomic():
        boxes = {slug: Mailbox.objects.create(slug=slug, name=name, kind=kind, agency=agencies[agency], intro=intro)
                 for slug, name, kind, agency, intro in BOXES}
        for i, (box, type_, title, body, name, outcome) in enumerate(MESSAGES):
            day = today - dt.timedelta(days=30 - 3 * i) if outcome != "waiting" else today
            received = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10))
            m, code = message_submit(mailbox=boxes[box], type=type_, title=f"{title}（演示数据）", body=body, name=name,
                                      received_at=received)
            if outcome == "waiting":
                continue
            if outcome == "rejected":
                message_transition(message=m, action="reject", actor=None, reject_reason="litigation", on=day)
                continue
            accepted = add_workdays(day, 1).date
            m = message_transition(message=m, action="accept", actor=None, on=accepted)
            if PASSED_ON.get(title) in agencies:
                m = message_transition(message=m, action="assign", actor=None, on=accepted,
                                       to_agency=agencies[PASSED_ON[title]], reason=_("属地办理。（演示数据）"))
            if outcome == "overdue":
                if m.reply_due is not None and m.reply_due < today:  # the 公开办 presses the department
                    message_transition(message=m, action="supervise", actor=None, on=today,
                                       reason=_("已超过答复期限，请于3个工作日内答复。（演示数据）"))
                continue
            replied = add_workdays(accepted, 4).date
            m = message_transition(message=m, action="reply", actor=None, reply=REPLIES.get(outcome, REPLIES["replied"]),
                                   on=replied)
            message_transition(message=m, action="rate", actor=None, on=replied, code=code,
                               rating=Rating.UNSATISFIED if outcome == "unsatisfied" else Rating.SATISFIED)
        # The 公开办's monthly statistics of the city's boxes, as the console's 发布月度统计 does, published.
        month = f"{today.replace(day=1) - dt.timedelta(days=1):%Y-%m}"
        document = stats_publish(agency=agencies["city"], month=month, actor=None)
        document_transition(document=document, action="publish", actor=None)
        reminders_send(today=today, email=False)  # demo addresses are not real mailboxes
    stdout.write(_("政民互动演示：%(b)d 个信箱，%(m)d 条留言，%(month)s 月度统计已公开")
                 % {"b": len(BOXES), "m": len(MESSAGES), "month": month})
