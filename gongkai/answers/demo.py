"""Demo content of the 问答 (idempotent): the 条例 and the fee rules imported from the shared statute
folder when it is there, the 指南 and 制度 pages published as documents, and a handful of FAQ
entries written for the demo. The FAQ is created once; the office's later edits are kept."""
import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.portal.models import Page, PageColumn
from gongkai.portal.selectors import root_agency

from . import semantic
from .demo_faq import FAQS
from .items import item_texts
from .models import AnswerSource, Faq
from .services import faq_create, faq_transition
from .sources import page_publish, statute_import

STATUTES = [
    # (file, key, 文号, 发布机关, date)
    ("tiaoli_2019.txt", "statute:tiaoli_2019", "国务院令第711号", "国务院", dt.date(2019, 4, 3)),
    ("fees_2020_109.txt", "statute:fees_2020_109", "国办函〔2020〕109号", "国务院办公厅", dt.date(2020, 11, 17)),
]


def _statute_dir() -> Path:
    return Path(settings.GONGKAI.get("QA_STATUTE_DIR") or "")


@transaction.atomic
def load(*, stdout, statute_dir=None):
    """Import the statutes found in `statute_dir` (default: GONGKAI["QA_STATUTE_DIR"]; absent files are
    skipped), publish the 指南 and 制度 pages as documents and seed the FAQ once."""
    government = root_agency()
    if government is None:
        return
    folder = Path(statute_dir) if statute_dir else _statute_dir()
    imported = 0
    for name, key, doc_no, publisher, date in STATUTES:
        if statute_import(path=folder / name, agency=government, key=key, doc_no=doc_no,
                          publisher=publisher, date=date) is not None:
            imported += 1
    pages = 0
    for page in Page.objects.filter(column__in=(PageColumn.GUIDE, PageColumn.SYSTEM)).select_related("agency"):
        if page_publish(page=page, agency=government) is not None:
            pages += 1
    faqs = 0
    if not Faq.objects.exists():
        for questions, answer, sources in FAQS:
            faq = faq_create(agency=government, actor=None, questions=questions, answer=answer, sources=sources)
            faq_transition(faq=faq, action="publish", actor=None)
            faqs += 1
    stdout.write(_("智能问答：导入法规 %(s)d 件，指南和制度文件 %(p)d 件，新建常见问题 %(f)d 条。")
                 % {"s": imported, "p": pages, "f": faqs} + "\n")
    if semantic.enabled():
        warm_vectors()


def warm_vectors():
    """Embed every passage of the sources and every FAQ question now, so questions are quick."""
    from gongkai.search.models import Passage

    passages = list(Passage.objects.filter(entry__document__in=AnswerSource.objects.values("document")))
    texts = [f"{p.heading} {p.text}" if p.heading else p.text for p in passages]
    texts += [t for p in passages for t in item_texts(p.text, p.heading)]  # the items of a list (items.py)
    texts += [v for faq in Faq.objects.all() for v in faq.variants()]
    semantic.vectors(texts)
