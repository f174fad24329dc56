"""The consultations' boxes on the front page and the 互动交流 page (gongkai.portal.blocks)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.portal.blocks import Block, BlockItem, register

from .models import Phase
from .selectors import consultation_list_public


def _open(limit: int) -> list[BlockItem]:
    return [BlockItem(title=c.title, url=c.get_absolute_url(),
                      meta=_("征集期 %(start)s 至 %(end)s") % {"start": c.start_date.isoformat(),
                                                                "end": c.end_date.isoformat()})
            for c in consultation_list_public(phase=Phase.OPEN)[:limit]]


def _feedback(limit: int) -> list[BlockItem]:
    return [BlockItem(title=c.title, url=c.get_absolute_url(), date=c.end_date, meta=_("已反馈"))
            for c in consultation_list_public(phase=Phase.FEEDBACK)[:limit]]


def connect() -> None:
    register(Block(key="consultations-open", title=gettext_lazy("正在征集意见"), order=10,
                   more_url_name="consultations:list", more_query="?phase=open", items=_open,
                   empty_text=gettext_lazy("目前没有正在征集意见的事项。")))
    register(Block(key="consultations-feedback", title=gettext_lazy("意见采纳情况反馈"), order=20,
                   more_url_name="consultations:list", more_query="?phase=feedback", items=_feedback, pages=("hdjl",)))
