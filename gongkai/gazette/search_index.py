"""公报 issues in the site search (gongkai.search.registry): every published issue as one entry, found
by its 年/期/总期号 and by the titles (and 文号) of its published contents; a hit links to the issue page.
Kept current by receivers on issues and their contents, and on `document_changed` (a content document
published or withdrawn changes what the issue lists)."""
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.signals import document_changed
from gongkai.search.registry import IndexItem, register

from .models import Article, Issue, IssueStatus
from .selectors import articles_of, issues_public

KIND = "gazette"


def _item(issue: Issue) -> IndexItem:
    numbers = _g("%(year)s年 第%(number)s期 总第%(total)s期") % {
        "year": issue.year, "number": issue.number, "total": issue.total_number}
    contents = [" ".join(x for x in (a.section, a.document.title, a.document.doc_no) if x) for a in articles_of(issue)]
    body = "\n".join([issue.agency.name + _g("公报"), numbers, *contents])
    return IndexItem(kind=KIND, pk=issue.pk, url=issue.get_absolute_url(), title=issue.title, body=body,
                     date=issue.publish_date)


def items():
    for issue in issues_public().order_by("pk").iterator(chunk_size=200):
        yield _item(issue)


def item(pk):
    issue = issues_public().filter(pk=pk).first()
    return _item(issue) if issue else None


def _log(pk):
    from gongkai.search.services import index_item_changed

    index_item_changed(kind=KIND, pk=pk)


def _issue_changed(sender, instance, created=False, **kwargs):
    if not (created and instance.status != IssueStatus.PUBLISHED):  # a new draft is in no index
        _log(instance.pk)


def _article_changed(sender, instance, **kwargs):
    """Contents added, moved or removed: only a published issue's entry can change."""
    if Issue.objects.filter(pk=instance.issue_id, status=IssueStatus.PUBLISHED).exists():
        _log(instance.issue_id)


def _document_changed(sender, document, action="", **kwargs):
    """A document in published issues changed: their contents lists may have too."""
    for pk in (Article.objects.filter(document_id=document.pk, issue__status=IssueStatus.PUBLISHED)
               .values_list("issue_id", flat=True).distinct()):
        _log(pk)


def connect():
    register(kind=KIND, label=_("政府公报"), items=items, item=item)
    post_save.connect(_issue_changed, sender=Issue, dispatch_uid="gazette.search_index.issue")
    post_delete.connect(_issue_changed, sender=Issue, dispatch_uid="gazette.search_index.issue_del")
    post_save.connect(_article_changed, sender=Article, dispatch_uid="gazette.search_index.article")
    post_delete.connect(_article_changed, sender=Article, dispatch_uid="gazette.search_index.article_del")
    document_changed.connect(_document_changed, dispatch_uid="gazette.search_index.document")
