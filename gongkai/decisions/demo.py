"""Demo 重大行政决策事项目录 of 示范市人民政府 for the current year: one item decided with every procedure
recorded, one in progress whose 公众参与 is the open demo consultation, one planned. Written for the
demo. Idempotent: nothing is created when the city has items for the year."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency

from .models import DecisionItem, Procedure
from .services import decision_item_create, decision_procedure_record, decision_transition

ALL = list(Procedure.values)


def load(*, stdout):
    city = Agency.objects.filter(slug="city").first()
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=["edu", "office", "nrp", "finance"])}
    year = timezone.localdate().year
    if city is None or len(agencies) < 4 or DecisionItem.objects.filter(agency=city, year=year).exists():
        return
    from gongkai.consultations.demo import OPEN_TITLE
    from gongkai.consultations.models import Consultation

    with transaction.atomic():
        decided = decision_item_create(agency=city, actor=None, year=year, title="示范市中小学校布局专项规划（演示数据）",
                                       undertaker=agencies["edu"], planned=f"{year}年6月", required=ALL)
        decision_transition(item=decided, action="start", actor=None)
        for i, (procedure, summary) in enumerate([
                (Procedure.PARTICIPATION, "通过政府网站公开征求意见30日，收到意见12条，采纳5条。"),
                (Procedure.EXPERTS, "组织教育、规划领域专家7人论证，形成论证意见。"),
                (Procedure.RISK, "委托第三方开展社会稳定风险评估，结论为低风险。"),
                (Procedure.LEGALITY, "经市司法局合法性审查，出具审查意见书。"),
                (Procedure.COLLECTIVE, "经市政府常务会议审议通过。")]):
            decision_procedure_record(item=decided, actor=None, procedure=procedure,
                                      date=dt.date(year, 3 + i, 10), summary=summary)
        decision_transition(item=decided, action="decide", actor=None, decided_date=dt.date(year, 7, 15))
        ongoing = decision_item_create(agency=city, actor=None, year=year, title="制定《示范市政务公开工作规定》（演示数据）",
                                       undertaker=agencies["office"], planned=f"{year + 1}年3月", required=ALL,
                                       consultation=Consultation.objects.filter(title=OPEN_TITLE).first())
        decision_transition(item=ongoing, action="start", actor=None)
        decision_item_create(agency=city, actor=None, year=year, title="示范市国土空间总体规划实施方案（演示数据）",
                             undertaker=agencies["nrp"], planned=f"{year}年第四季度",
                             required=[p for p in ALL if p != Procedure.RISK],
                             skipped={Procedure.RISK: "已在总体规划编制阶段完成风险评估。"})
    stdout.write(_("重大行政决策演示：%(year)d年度目录 3 项") % {"year": year})
