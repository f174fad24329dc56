"""JSON API of the 问答 (mounted at /api/answers/): what the 智能问答 page shows."""
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from .selectors import answer_question

router = Router(tags=["智能问答"])


@router.get("/", summary="智能问答")
def ask(request, q: str, limit: int = Query(5, ge=1, le=20)):
    """Answers to a plain-language question, first answer first; `fallback` points to the application
    form, the 指南 and the office's contacts when nothing answers."""
    if not q.strip():
        raise HttpError(400, _("请输入问题。"))
    if len(q) > 200:
        raise HttpError(400, _("问题不能超过 200 字。"))
    result = answer_question(question=q, limit=limit)
    data = result.to_dict()
    data["links"] = result.links
    return data
