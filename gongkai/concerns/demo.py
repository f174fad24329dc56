"""Demo 回应关切: one 重大 concern of the city answered within its 5 hours by a published 情况通报 with a
后续发布 (both written for the demo) and a press conference two hours after it was noticed, and one noticed three days ago still waiting for its first response
(past its deadline: the console flags it). Idempotent: skipped when any concern exists."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.catalog.services import document_create, document_transition

from .models import Concern, Level, LinkKind
from .services import concern_close, concern_create, concern_link_response

RESPONSE = ("关于城区部分路段积水情况的通报（演示数据）",
            "<p>受强降雨影响，城区部分低洼路段出现短时积水。市城管、交警等部门已于当日组织排水抢险和交通疏导，"
            "目前积水已全部排除，交通恢复正常。（演示数据）</p>")
FOLLOWUP = ("关于城区积水点排查整治进展的通报（演示数据）",
            "<p>暴雨过后，市城管部门对城区易积水路段逐一排查，已完成排水管网疏通和雨水口改造，"
            "将在汛期前全部整治到位。（演示数据）</p>")


def load(*, stdout):
    if Concern.objects.exists():
        return
    city = Agency.objects.filter(slug="city").first()
    if city is None:
        return
    now = timezone.now()
    with transaction.atomic():
        first = concern_create(agency=city, actor=None, title="城区部分路段暴雨积水（演示数据）",
                               noticed_at=now - dt.timedelta(hours=3), level=Level.MAJOR,
                               summary="网民反映城区多处路段积水，车辆通行受阻。（演示数据）",
                               channels="政府网站、政务微博、新闻发布会",
                               press_conference_at=now - dt.timedelta(hours=1))  # within its 24 hours
        for (title, body), kind in ((RESPONSE, LinkKind.RESPONSE), (FOLLOWUP, LinkKind.FOLLOWUP)):
            document = document_create(agency=city, actor=None, title=title, body_html=body,
                                       publish_date=timezone.localdate(), publisher_name=city.name)
            document_transition(document=document, action="submit", actor=None)
            document = document_transition(document=document, action="publish", actor=None)
            concern_link_response(concern=first, document=document, actor=None, kind=kind)
        concern_close(concern=first, actor=None)
        concern_create(agency=city, actor=None, title="学校周边交通拥堵（演示数据）", noticed_at=now - dt.timedelta(days=3),
                       summary="家长反映上下学时段学校周边道路拥堵。（演示数据）", channels="政府网站")
    stdout.write(_("回应关切演示：2 项（1 项已回应并办结，1 项超过首次回应时限）"))
