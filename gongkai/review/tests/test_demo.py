"""The demo cleans the seed drafts that carry spam and publishes them (once)."""
import io
from pathlib import Path

import pytest

from gongkai.catalog.importing.services import document_import
from gongkai.catalog.models import Status
from gongkai.review import demo
from gongkai.review.services import review_text

SEEDS = Path("/work/shared/seeds")
pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not on this machine")]


def test_spam_seeds_cleaned_and_published(city):
    docs = []
    for stem in demo.SPAM_SEEDS:
        path = SEEDS / f"{stem}.txt"
        result = document_import(name=path.name, data=path.read_bytes(), agency=city, actor=None)
        assert result.ok, result.error
        assert review_text(text=result.document.body_text).spam.is_spam
        docs.append(result.document)
    out = io.StringIO()
    demo.load(stdout=out)
    for doc in docs:
        doc.refresh_from_db()
        assert doc.status == Status.PUBLISHED, out.getvalue()
        for word in ("葡京", "博彩", "bob最新官网", "zssygu"):
            assert word not in doc.body_html and word not in doc.title
        assert review_text(text=doc.title + "\n" + doc.body_text).verdict == "pass"
    assert "为贯彻落实" in docs[0].body_text and "认真抓好落实" in docs[0].body_text
    assert docs[1].title.startswith("安徽省人民政府2019年政府信息公开工作年度报告")
    revisions = [d.revisions.count() for d in docs]
    demo.load(stdout=io.StringIO())  # idempotent
    assert [d.revisions.count() for d in docs] == revisions
