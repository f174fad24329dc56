"""The index moves with the catalog in the same transaction; rebuilds and vocabulary changes."""
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from gongkai.catalog.models import Document
from gongkai.catalog.services import document_create, document_transition, document_validity_change
from gongkai.core.text import normalize
from gongkai.search.analysis import normalize_text, analyzer
from gongkai.search.tokens import extra_tokens, phrase_words, stream_tokens
from gongkai.search.models import Passage, SearchEntry
from gongkai.search.selectors import search_documents


def fulltext_rows():
    """(documents, passages) in the tantivy index, after it has caught up with the change log."""
    import tantivy

    from gongkai.search.index_read import reader

    r = reader()
    searcher = r.searcher()

    def count(kind):
        return searcher.search(tantivy.Query.term_query(r.schema, "kind", kind), 1, count=True).count

    return count("document"), count("passage")


def make_draft(agency, title="关于推进一网通办改革的通知"):
    return document_create(agency=agency, actor=None, title=title, publish_date=dt.date(2024, 1, 2),
                           body_html="<p>第一条 推进一网通办。</p><p>第二条 落实最多跑一次。</p>", validity="valid")


@pytest.mark.django_db
class TestNoDrift:
    def test_publish_indexes_and_withdraw_removes(self, dept_a, reviewer_a, editor_a):
        doc = make_draft(dept_a)
        document_transition(document=doc, action="submit", actor=None)
        assert search_documents(query="一网通办").total == 0  # pending is not public
        document_transition(document=doc, action="publish", actor=None)
        assert [h.document.pk for h in search_documents(query="一网通办").hits] == [doc.pk]
        assert SearchEntry.objects.count() == 1 and Passage.objects.count() == 2
        assert fulltext_rows() == (1, 2)
        document_transition(document=doc, action="withdraw", actor=None, reason="内容有误")
        assert search_documents(query="一网通办").total == 0
        assert SearchEntry.objects.count() == 0 and Passage.objects.count() == 0
        assert fulltext_rows() == (0, 0)

    def test_rolled_back_publish_leaves_no_index_row(self, dept_a):
        doc = make_draft(dept_a)
        document_transition(document=doc, action="submit", actor=None)
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                document_transition(document=doc, action="publish", actor=None)
                assert SearchEntry.objects.filter(pk=doc.pk).exists()  # written in the same transaction
                raise RuntimeError("boom")
        assert Document.objects.get(pk=doc.pk).status == "pending"
        assert SearchEntry.objects.count() == 0 and fulltext_rows() == (0, 0)
        assert search_documents(query="一网通办").total == 0

    def test_validity_change_updates_facets_and_badge(self, dept_a, published_doc):
        r = search_documents(query="政务公开")
        assert {v.value for v in r.facets["validity"]} == {"valid"}
        document_validity_change(document=published_doc, validity="abolished", actor=None, reason="已废止")
        r = search_documents(query="政务公开", filters={"validity": "abolished"})
        assert [h.document.pk for h in r.hits] == [published_doc.pk]
        assert search_documents(query="政务公开", filters={"validity": "valid"}).total == 0

    def test_republish_after_edit_reindexes_new_text(self, dept_a, published_doc):
        from gongkai.catalog.services import document_update

        document_transition(document=published_doc, action="withdraw", actor=None, reason="修改")
        document_transition(document=published_doc, action="reopen", actor=None, reason="改正文")
        document_update(document=published_doc, actor=None, body_html="<p>乡村振兴示范点建设。</p>")
        document_transition(document=published_doc, action="submit", actor=None)
        document_transition(document=published_doc, action="publish", actor=None)
        assert search_documents(query="乡村振兴").total == 1
        assert search_documents(query="不公开为例外").total == 0
        assert fulltext_rows()[0] == 1

    def test_on_request_disclosure_is_not_indexed(self, dept_a):
        doc = document_create(agency=dept_a, actor=None, title="依申请公开的内部名单", disclosure="on_request")
        document_transition(document=doc, action="submit", actor=None)
        document_transition(document=doc, action="publish", actor=None)
        assert SearchEntry.objects.count() == 0


@pytest.mark.django_db
def test_reindex_command_rebuilds(published_doc):
    SearchEntry.objects.all().delete()  # the database rows, then the index, rebuilt from the catalog
    out, err = io.StringIO(), io.StringIO()
    call_command("reindex", stdout=out, stderr=err)
    assert "已索引 1 篇文件" in out.getvalue()
    assert "重建索引" in err.getvalue()  # the tqdm progress bar
    assert SearchEntry.objects.count() == 1 and Passage.objects.filter(entry_id=published_doc.pk).exists()
    assert search_documents(query="政务公开").total == 1
    assert fulltext_rows()[0] == 1


@pytest.mark.django_db
def test_search_command_json(published_doc):
    out = io.StringIO()
    call_command("search", "示教发〔2024〕3号", "--json", stdout=out)
    hits = json.loads(out.getvalue())
    assert hits[0] == {"index_no": published_doc.index_no, "title": published_doc.title,
                       "doc_no": "示教发〔2024〕3号", "score": hits[0]["score"], "kind": "document",
                       "kind_label": "政府信息", "url": published_doc.get_absolute_url()}
    assert hits[0]["score"] > 0


@pytest.mark.django_db
def test_extra_word_reaches_segmenter(dept_a):
    from gongkai.search.services import extra_word_add

    assert "浙里办" not in extra_tokens("推广浙里办应用")
    with transaction.atomic():
        extra_word_add(word="浙里办", note="省级政务服务应用")
    # on_commit does not fire inside the test transaction; mark the change as commit would.
    from gongkai.search.analysis import vocabulary_changed

    vocabulary_changed()
    assert "浙里办" in analyzer().words
    assert "浙里办" in extra_tokens("推广浙里办应用")


def test_normalize_text_equals_core_normalize():
    samples = ["關於加強政務公開標準化規範化建設的意見", "政务公开，乾隆年间；看著辦。", "ＡＢＣ１２３〔２０２１〕",
               "皇后乾坤 干部 著作 显著", "髮 發 后 後", ""]
    for s in samples:
        assert normalize_text(s) == normalize(s), s


def test_index_tokens_cover_every_substring():
    text = "推进双随机、一公开监管"
    tokens = set(stream_tokens(text)) | set(extra_tokens(text))
    for piece in ("推", "监", "推进", "随机", "一公", "公开", "双随机一公开"):
        assert piece in tokens


def test_stream_has_one_token_per_position():
    # A pair per character (the next character too: punctuation, spaces, digits and letters are
    # characters), the last of a line alone, a line break as ¶: a phrase is the same stream at
    # consecutive positions; every other pair (and the last pair) fixes every position, with no
    # regular expression even when the phrase begins or ends inside a run of digits or letters.
    assert stream_tokens("双随机、一公开\n575-8123 ab") == [
        "双随", "随机", "机、", "、一", "一公", "公开", "开", "¶", "57", "75", "5-", "-8", "81", "12", "23", "3␣",
        "␣a", "ab", "b"]
    assert phrase_words("双随机、一公开") == ("phrase", [(0, "双随"), (2, "机、"), (4, "一公"), (5, "公开")])
    assert phrase_words("之日起2") == ("phrase", [(0, "之日"), (2, "起2")])
    assert phrase_words("575-") == ("phrase", [(0, "57"), (2, "5-")])
    assert phrase_words("2021") == ("phrase", [(0, "20"), (2, "21")])
    assert phrase_words("税") == ("regex", [(0, "税.?")])
    assert stream_tokens("政务 公开") == ["政务", "务␣", "␣公", "公开", "开"]
