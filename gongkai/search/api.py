"""JSON API: document search (mounted at /api/search/); the 问答 is the answers app's."""
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from gongkai.core.params import MAX_INT

from .selectors import search_documents

router = Router(tags=["全文检索"])


@router.get("/", summary="全文检索")
def search(request, q: str, agency: int | None = Query(None, ge=1, le=MAX_INT),
           subject: int | None = Query(None, ge=1, le=MAX_INT), year: int | None = Query(None, ge=1, le=9999),
           genre: str | None = None, validity: str | None = None, kind: str | None = None, sort: str = "relevance",
           page: int = Query(1, ge=1, le=10_000), per_page: int = Query(10, ge=1, le=1000)):
    """Ranked, faceted search of everything public (documents and the registered kinds: `kind` keeps one,
    e.g. document, guide, dataset, gazette, profile); `q` accepts phrases, -exclusions, 文号 and 索引号."""
    if not q.strip():
        raise HttpError(400, _("请输入检索词。"))
    filters = {"agency": agency, "subject": subject, "year": year, "genre": genre, "validity": validity,
               "kind": kind}
    result = search_documents(query=q, filters=filters, sort=sort, page=page,
                              per_page=max(1, min(per_page, 50)))
    return result.to_dict()
