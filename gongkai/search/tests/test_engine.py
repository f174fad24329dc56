"""The one index (index.py, engine.py): totals and facet counts equal to a scan of the stored text
(what the FTS5/tsvector engines returned, and what the old equivalence tests held them to), kept
current by the change log after each commit, rebuilt when missing or damaged, one writer at a time."""
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.catalog.models import Disclosure, Document, Status
from gongkai.catalog.services import document_transition
from gongkai.search import index as index_mod
from gongkai.search.index_read import readers_forget
from gongkai.search.analysis import normalize_text
from gongkai.search.query import parse_query
from gongkai.search.selectors import search_documents

from .conftest import publish

QUERIES = ["公开", "政务公开", "政務公開", "税", "柯桥", "双随机一公开", "互联网+政务服务", "公开 -财政",
           "重大建设项目", "政府信息公开规定", "火星基地", "申请 答复", "财政预决算", '"做好依申请公开工作"',
           '"双随机、一公开"', '"起2"', "2021", '"20个工作日"', '"021"', '"21-000"', '"14t/2"', '"0t/"']


def _content(doc) -> str:
    parts = [doc.title, doc.doc_no, doc.index_no or "", doc.agency.name, doc.publisher_name, doc.subject_label,
             doc.keywords, doc.summary] + [line.strip() for line in (doc.body_text or "").splitlines()]
    return "\n".join(normalize_text(p).lower() for p in parts if p)


def _term_in(term, content) -> bool:
    if term.phrase:
        return term.text in content
    if term.alt and term.alt in re.sub(r"[^\w]", "", content):
        return True
    for tok in term.tokens:
        if tok.isascii():
            if not re.search(rf"(?<![a-z0-9]){re.escape(tok)}(?![a-z0-9])", content):
                return False
        elif tok not in content:
            return False
    return True


def scan(query, filters):
    """The reference: every public document whose normalised text holds every term and no excluded one."""
    parsed = parse_query(query)
    out = []
    for doc in Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE).select_related(
            "agency", "subject"):
        content = _content(doc)
        if not all(_term_in(t, content) for t in parsed.terms) or any(_term_in(t, content) for t in parsed.excludes):
            continue
        top = doc.subject and (doc.subject.parent_id or doc.subject_id)
        values = {"agency": doc.agency_id, "subject": top, "year": doc.publish_date.year if doc.publish_date else None,
                  "genre": doc.genre, "validity": doc.validity}
        if all(values[k] == (int(v) if k in ("agency", "year") else v) for k, v in filters.items()):
            out.append((doc, values))
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_totals_and_facets_equal_a_scan_of_the_text(corpus, city, sort):
    for query in QUERIES:
        for filters in ({}, {"agency": str(city.pk)}, {"validity": "valid"}, {"year": "2023"}):
            expected = scan(query, filters)
            r = search_documents(query=query, filters=filters, sort=sort, per_page=50)
            assert r.total == len(expected), (query, filters)
            facets = {k: {v.value: v.count for v in vals} for k, vals in r.facets.items()}
            for name in ("agency", "year", "genre", "validity"):
                want = {}
                for _doc, values in expected:
                    if values[name]:
                        want[values[name]] = want.get(values[name], 0) + 1
                assert facets.get(name, {}) == want, (query, filters, name)
            ids = [h.document.pk for h in r.hits]
            assert set(ids) == {d.pk for d, _v in expected}, (query, filters)
            if sort == "date":
                assert ids == [d.pk for d, _v in sorted(expected, key=lambda e: (e[0].publish_date, e[0].pk),
                                                        reverse=True)]


@pytest.mark.django_db
def test_withdrawn_document_never_listed_nor_counted(corpus):
    before = search_documents(query="公开").total
    document_transition(document=corpus["tax"], action="withdraw", actor=None, reason="有误")
    r = search_documents(query="公开", per_page=50)
    assert r.total == before - 1 and corpus["tax"].pk not in {h.document.pk for h in r.hits}
    assert search_documents(query="财政预决算").total == 0


@pytest.mark.django_db
def test_change_is_applied_after_commit(settings, dept_a, django_capture_on_commit_callbacks):
    settings.SEARCH_SYNC_IN_TRANSACTION = False  # as in production: a search never applies uncommitted rows
    assert search_documents(query="萤火虫").total == 0  # builds the (empty) index
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        doc = publish(dept_a, "关于萤火虫保护的通知", "<p>萤火虫栖息地</p>")
    assert search_documents(query="萤火虫").total == 0  # not committed yet: not in the index
    for callback in callbacks:
        callback()  # what the commit runs
    assert [h.document.pk for h in search_documents(query="萤火虫").hits] == [doc.pk]


@pytest.mark.django_db
def test_missing_index_is_rebuilt_from_the_database(corpus, caplog):
    assert search_documents(query="政务公开").total == 2
    readers_forget()
    shutil.rmtree(index_mod.index_path())
    assert search_documents(query="政务公开").total == 2
    assert (index_mod.index_path() / index_mod.STATE_FILE).exists()


@pytest.mark.django_db
def test_damaged_index_is_rebuilt_with_a_chinese_message(corpus, caplog):
    assert search_documents(query="政务公开").total == 2
    readers_forget()
    data = index_mod.index_path() / index_mod.DATA
    (data / "meta.json").write_text("{not json", encoding="utf-8")
    with caplog.at_level("WARNING"):
        assert search_documents(query="政务公开").total == 2
    assert "检索索引缺失或已损坏" in caplog.text and "正在从数据库重建" in caplog.text


@pytest.mark.django_db
def test_one_writer_at_a_time(corpus, dept_a):
    assert search_documents(query="萤火虫").total == 0
    path = index_mod.index_path()
    with index_mod.writer_lock(path, timeout=0) as got:
        assert got
        publish(dept_a, "关于萤火虫保护的通知", "<p>萤火虫栖息地</p>")
        assert index_mod.index_sync(timeout=0) is None  # another writer holds the lock
        with index_mod.writer_lock(path, timeout=0) as second:
            assert not second
        assert search_documents(query="萤火虫").total == 0  # readers read what was committed before
    assert index_mod.index_sync(timeout=0)["applied"] == 1
    assert search_documents(query="萤火虫").total == 1
    assert index_mod.index_status()["index"] == "current"


@pytest.mark.django_db
def test_search_rebuild_command(corpus):
    shutil.rmtree(index_mod.index_path(), ignore_errors=True)
    readers_forget()
    out = io.StringIO()
    call_command("search", "rebuild", stdout=out, stderr=io.StringIO())
    assert "已索引 7 篇文件" in out.getvalue()
    assert index_mod.state_read(Path(index_mod.index_path()))["items"] == 7
    assert search_documents(query="政务公开").total == 2


@pytest.mark.django_db
def test_passage_candidates_are_passage_ids(corpus):
    from gongkai.search.models import Passage
    from gongkai.search.selectors import passage_candidates

    rows = passage_candidates(question="答复期限是多少个工作日", limit=5)
    assert 0 < len(rows) <= 5 and all(isinstance(pk, int) and score > 0 for pk, score in rows)
    scores = [s for _pk, s in rows]
    assert scores == sorted(scores, reverse=True)
    texts = {p.pk: p.text for p in Passage.objects.filter(pk__in=[pk for pk, _s in rows])}
    assert set(texts) == {pk for pk, _s in rows}
    assert "答复期限" in texts[rows[0][0]]


@pytest.mark.django_db
def test_healthz_reports_a_lagging_index(client, corpus, dept_a, settings):
    search_documents(query="公开")
    body = client.get("/healthz").json()["checks"]["search"]
    assert body["index"] == "current" and body["items"] == 7
    settings.SEARCH_SYNC_IN_TRANSACTION = False  # nothing applies the change below
    publish(dept_a, "关于萤火虫的通知", "<p>萤火虫</p>")
    response = client.get("/healthz")
    assert response.status_code == 200  # reported, not a failure: the next search catches up
    search = response.json()["checks"]["search"]
    assert search["ok"] and search["index"] == "lagging" and search["pending"] >= 1


@pytest.mark.django_db
def test_search_while_another_process_builds_the_missing_index(corpus, client, settings):
    settings.SEARCH_WRITE_TIMEOUT = 0
    shutil.rmtree(index_mod.index_path(), ignore_errors=True)
    readers_forget()
    with index_mod.writer_lock(index_mod.index_path(), timeout=0):  # the builder holds the lock
        r = search_documents(query="政务公开")
        assert r.total == 0 and r.notice == "检索索引正在从数据库重建，请稍后再试。" and not r.suggestions
        html = client.get("/search/", {"q": "政务公开"}).content.decode()
        assert "检索索引正在从数据库重建" in html
    assert search_documents(query="政务公开").total == 2  # the lock released: built on this search


@pytest.mark.django_db
def test_change_log_is_pruned_and_a_stale_index_rebuilds(corpus, dept_a):
    import datetime as dt

    from django.utils import timezone

    from gongkai.search.models import IndexChange

    assert search_documents(query="政务公开").total == 2
    n = IndexChange.objects.count()
    IndexChange.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    assert n > 0 and index_mod.index_change_prune() == n and IndexChange.objects.count() == 0
    # An index last brought up to date a week ago may lack pruned rows: it rebuilds from the database.
    path = index_mod.index_path()
    state = index_mod.state_read(path)
    state["synced_at"] = (timezone.now() - dt.timedelta(days=7)).isoformat()
    index_mod._state_write(path, state)
    publish(dept_a, "关于萤火虫的通知", "<p>萤火虫</p>")
    assert index_mod.index_sync(timeout=0) == {"built": 8, "applied": 0}  # 7 public documents + the new one
    assert search_documents(query="萤火虫").total == 1


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 1, 20])
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_phrase_ranked_without_positions_lists_only_proven_matches(corpus, document_factory, dept_a, monkeypatch,
                                                                    extra, sort):
    # Newer documents hold the phrase's pairs apart; the ranking pass without positions puts them
    # first, and only the documents with the pairs adjacent may be listed, whatever the page size.
    from gongkai.search import engine

    monkeypatch.setattr(engine, "RELAX_EXTRA", extra)
    older = [document_factory(dept_a, "published", title=f"关于试点工作的通知{n}", publish_date=dt.date(2020, 1, n + 1),
                              body_html="<p>开展甲乙丙丁试点。</p>") for n in range(2)]
    for n in range(3):
        document_factory(dept_a, "published", title=f"关于其他工作的通知{n}", publish_date=dt.date(2024, 1, n + 1),
                         body_html="<p>甲乙方案，丙丁名单。</p>")
    newest_first = [older[1].pk, older[0].pk]
    for per_page in (1, 2, 3):
        r = search_documents(query='"甲乙丙丁"', sort=sort, per_page=per_page)
        ids = [h.document.pk for h in r.hits]
        assert r.total == 2 and len(ids) == min(per_page, 2) and set(ids) <= set(newest_first)
        if sort == "date":
            assert ids == newest_first[:per_page]
    assert search_documents(query='"甲乙丙丁"', sort=sort, page=2, per_page=1).hits[0].document.pk in newest_first
