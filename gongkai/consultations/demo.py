"""Demo consultations: seed 002 (a city's 2017 意见征集 notice, its spam already removed and the notice
published by the review app's demo) registered as a closed consultation with comments, dispositions
and a published 意见采纳情况反馈; and one consultation open today taking comments.

The comments are written here for the demo (（演示数据） after the names, so the public mask still
reads 李**). Everything goes through the services with the system (or the demo 公开办 user) as
actor. Idempotent: nothing is created when a consultation with the same title exists.
"""
import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Document, Status
from gongkai.catalog.services import document_transition

from .ledger import comment_dispose, comment_publish, comment_submit, feedback_generate
from .models import Channel, Consultation, Disposition, PeriodRule
from .periods import minimum_period, rule_for
from .services import consultation_create, consultation_transition

SEED = "002_b44a8ff771342174"
LOCAL_RULE = ("一般政策性文件（示范市）", 5, PeriodRule.Unit.DAYS, "示范市公众参与规定（演示规则）")
SEED_TITLE = "《关于全面推进政务公开工作的实施意见》（征求意见稿）"
OPEN_TITLE = "《示范市政务公开工作规定（征求意见稿）》"
OPEN_DRAFT = """示范市政务公开工作规定（征求意见稿）
第一条 为了推进政务公开，保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》，结合本市实际，制定本规定。
第二条 本市各级行政机关应当坚持以公开为常态、不公开为例外，主动公开政府信息。
第三条 行政机关应当自政府信息形成或者变更之日起20个工作日内予以公开。
第四条 行政机关应当建立健全政策解读机制，重要政策文件与解读材料同步组织、同步审签、同步部署。
第五条 本规定自发布之日起施行。"""
# (article label or None, body, name, disposition, reason): written for the demo.
SEED_COMMENTS = [
    # Three alike (a template passed round): grouped as 同类意见3条 and disposed of together.
    ("二、1.", "建议在决策公开中明确重大行政决策预公开的具体期限，便于群众监督。", "李明（演示数据）", Disposition.ADOPTED, ""),
    ("二、1.", "建议在决策公开中明确重大行政决策预公开的具体期限，便于群众监督！", "王芳（演示数据）", Disposition.ADOPTED, ""),
    ("二、1.", "建议在决策公开中明确重大行政决策预公开的具体期限，方便群众监督。", "", Disposition.ADOPTED, ""),
    ("一、", "总体要求中建议增加“以公开促廉洁”的表述。", "张伟（演示数据）", Disposition.PARTLY,
     "已在总体要求中增加廉洁政府建设的相关表述，未单列。"),
    (None, "建议在各乡镇设立政务公开专区并配备查阅设备。", "赵敏（演示数据）", Disposition.EXISTING,
     "《政府信息公开条例》第二十五条已有规定，将在落实中推进。"),
    (None, "希望市里多建几个停车场。", "", Disposition.OUT_OF_SCOPE, "不属于本次征求意见范围，已转交市住建局研究。"),
    ("二、", "建议把执行公开中的督查结果全部公开。", "陈杰（演示数据）", Disposition.REJECTED,
     "督查结果中涉及内部管理的部分依法不予公开，其余部分已在执行公开中作出规定。"),
]


def _staff_user():
    """The demo administrator (its role covers the city's whole agency tree)."""
    return get_user_model().objects.filter(username="admin").first()


def _draft_from_notice(document) -> str:
    """The draft part of the notice: from the attachment heading on (the notice text before it is
    the call for comments)."""
    text = document.body_text
    start = text.find("附件1")
    return text[start + len("附件1"):].strip() if start >= 0 else text


def _seed_consultation(stdout, office):
    notice = Document.objects.filter(source_name__contains=SEED, status=Status.PUBLISHED).order_by("pk").first()
    if notice is None:
        stdout.write(_("意见征集演示：种子文件 002 的征集公告尚未发布，跳过。"))
        return
    PeriodRule.objects.get_or_create(name=LOCAL_RULE[0], defaults={"minimum": LOCAL_RULE[1], "unit": LOCAL_RULE[2],
                                                                  "basis": LOCAL_RULE[3]})
    c = consultation_create(agency=notice.agency, actor=None, notice=notice, title=SEED_TITLE, kind=LOCAL_RULE[0],
                            draft_text=_draft_from_notice(notice), start_date=dt.date(2017, 6, 20),
                            end_date=dt.date(2017, 6, 26), contact_unit=notice.agency.name,
                            contact_phone="0370-3288305", channels=[Channel.ONLINE, Channel.LETTER])
    c = consultation_transition(consultation=c, action="adopt", actor=None)
    labels = {a.label: a for a in c.articles.all()}
    received = timezone.make_aware(dt.datetime(2017, 6, 21, 9, 30))
    comments = []
    for i, (label, body, name, disposition, reason) in enumerate(SEED_COMMENTS):
        comment = comment_submit(consultation=c, body=body, article=labels.get(label), name=name, actor=office,
                                 channel=Channel.LETTER if i == 4 else Channel.ONLINE,
                                 received_at=received + dt.timedelta(hours=7 * i))
        comments.append((comment, disposition, reason))
    for comment, disposition, reason in comments:
        comment.refresh_from_db()
        if not comment.disposition:
            comment_dispose(comment=comment, actor=office, disposition=disposition, reason=reason, whole_group=True)
    comment_publish(comment=comments[0][0], actor=office)
    comment_publish(comment=comments[3][0], actor=office)
    feedback = feedback_generate(consultation=c, actor=office)
    document_transition(document=feedback, action="publish", actor=None)
    stdout.write(_("意见征集演示：种子文件 002 → 已结束的征集%(t)s，%(n)d 条意见，采纳情况反馈已发布")
                 % {"t": c.title, "n": len(comments)})


def _open_consultation(stdout):
    agency = Agency.objects.filter(slug="office").first()
    if agency is None:
        return
    today = timezone.localdate()
    start = today - dt.timedelta(days=5)
    end = minimum_period(rule_for("规章"), start).min_end + dt.timedelta(days=3)
    c = consultation_create(agency=agency, actor=None, title=OPEN_TITLE, kind="规章", draft_text=OPEN_DRAFT,
                            explanation="为落实《中华人民共和国政府信息公开条例》，总结本市实践，起草本规定。（演示数据）",
                            start_date=start, end_date=end, contact_unit="示范市人民政府办公室政务公开科",
                            contact_address="示范市人民路1号", contact_postcode="310000", contact_phone="0571-00000000",
                            contact_email="zwgk@example.gov.cn", channels=[Channel.ONLINE, Channel.EMAIL, Channel.LETTER])
    c = consultation_transition(consultation=c, action="submit", actor=None)
    document_transition(document=c.notice, action="publish", actor=None)
    c.refresh_from_db()
    third = c.articles.get(label="第三条")
    comment_submit(consultation=c, article=third, body="建议将20个工作日缩短为15个工作日。（演示数据）")
    comment_submit(consultation=c, body="建议增加政务公开工作考核的规定。（演示数据）")
    stdout.write(_("意见征集演示：正在征集%(t)s，至 %(end)s 截止") % {"t": c.title, "end": end.isoformat()})


def load(*, stdout):
    office = _staff_user()
    for title, make in ((SEED_TITLE, lambda: _seed_consultation(stdout, office)),
                        (OPEN_TITLE, lambda: _open_consultation(stdout))):
        if Consultation.objects.filter(title=title).exists():
            continue
        with transaction.atomic():
            make()
