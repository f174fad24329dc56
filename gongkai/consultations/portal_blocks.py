"""The consultations' boxes on the front page and the 互动交流 page, and the notes on the pages of
their notices, feedback reports and final documents (gongkai.portal.blocks)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.portal.blocks import Block, BlockItem, DocumentNote, register, register_document_notes

from .models import Phase
from .selectors import consultation_list_public, consultations_for_document


def _open(limit: int) -> list[BlockItem]:
    return [BlockItem(title=c.title, url=c.get_absolute_url(),
                      meta=_("征集期 %(start)s 至 %(end)s") % {"start": c.start_date.isoformat(),
                                                                "end": c.end_date.isoformat()})
            for c in consultation_list_public(phase=Phase.OPEN)[:limit]]


def _feedback(limit: int) -> list[BlockItem]:
    return [BlockItem(title=c.title, url=c.get_absolute_url(), date=c.end_date, meta=_("已反馈"))
            for c in consultation_list_public(phase=Phase.FEEDBACK)[:limit]]


def _document_notes(document) -> list[DocumentNote]:
    """A notice or a feedback report links to its consultation; a final document links back to the
    consultation it was drafted through and to the published feedback report (one query)."""
    out = []
    for c in consultations_for_document(document=document):
        page = (c.title, c.get_absolute_url())
        if c.notice_id == document.pk:
            out.append(DocumentNote(_("意见征集页面（阅读征求意见稿、在线提交意见）："), (page,)))
        elif c.feedback_id == document.pk:
            out.append(DocumentNote(_("本反馈对应的意见征集："), (page,)))
        else:
            links = [page]
            if c.feedback_id and c.feedback.status == "published":
                links.append((c.feedback.title, c.feedback.get_absolute_url()))
            out.append(DocumentNote(_("本文件起草过程中公开征求了意见，征集情况及意见采纳情况反馈："), tuple(links)))
    return out


def connect() -> None:
    register_document_notes("consultations", _document_notes)
    register(Block(key="consultations-open", title=gettext_lazy("正在征集意见"), order=10,
                   more_url_name="consultations:list", more_query="?phase=open", items=_open,
                   empty_text=gettext_lazy("目前没有正在征集意见的事项。")))
    register(Block(key="consultations-feedback", title=gettext_lazy("意见采纳情况反馈"), order=20,
                   more_url_name="consultations:list", more_query="?phase=feedback", items=_feedback, pages=("hdjl",)))
