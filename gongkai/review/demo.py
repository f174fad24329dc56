"""Demo data for the review app: clean the two seed drafts that carry injected spam (002, 003),
using the passages the detector reports, then submit and publish them through the workflow.

Idempotent: a seed already published is left alone; a draft without spam is just published.
"""
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.catalog.models import Document, Status
from gongkai.catalog.services import document_transition, document_update
from gongkai.core.errors import UserFacingError

from .documents import document_review
from .findings import BLOCK, WARN
from .services import review_message, spam_clean_html, spam_clean_text

SPAM_SEEDS = ("002_b44a8ff771342174", "003_98c9e53b22d64be7")
DEMO_REASON = _("演示数据：注入的垃圾信息已按审查结果删除")


def seed_clean(*, document) -> tuple[Document, int]:
    """Remove the injected passages from a draft's title, summary and body; return (document,
    number of passages removed)."""
    fields, removed = {}, 0
    body, passages = spam_clean_html(html=document.body_html, context=document.title)
    if passages:
        fields["body_html"] = body
        removed += len(passages)
    for name in ("title", "summary"):
        value = getattr(document, name) or ""
        clean, passages = spam_clean_text(text=value)
        if passages:
            fields[name] = clean.strip()
            removed += len(passages)
    if fields:
        document = document_update(document=document, actor=None, **fields)
    return document, removed


def load(*, stdout):
    for stem in SPAM_SEEDS:
        document = Document.objects.filter(source_name__contains=stem).order_by("pk").first()
        if document is None:
            stdout.write(_("审查演示：未找到种子文件 %(stem)s 导入的文件，跳过。") % {"stem": stem})
            continue
        if document.status == Status.PUBLISHED:
            continue
        try:
            with transaction.atomic():
                if document.status == Status.PENDING:
                    document = document_transition(document=document, action="return", actor=None,
                                                   reason=DEMO_REASON)
                elif document.status == Status.WITHDRAWN:
                    document = document_transition(document=document, action="reopen", actor=None,
                                                   reason=DEMO_REASON)
                document, removed = seed_clean(document=document)
                report = document_review(document=document)
                if report.verdict == BLOCK:
                    raise UserFacingError(review_message(report))
                document_transition(document=document, action="submit", actor=None)
                document = document_transition(
                    document=document, action="publish", actor=None,
                    override_reason=DEMO_REASON if report.verdict == WARN else "")
        except UserFacingError as exc:
            stdout.write(_("审查演示：《%(title)s》未能发布：%(error)s") % {"title": document.title, "error": exc.message})
            continue
        stdout.write(_("审查演示：《%(title)s》删除注入内容 %(n)d 处后已发布（索引号 %(no)s）。")
                     % {"title": document.title, "n": removed, "no": document.index_no})
