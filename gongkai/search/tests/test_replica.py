"""The local tantivy replica (replica.py): same answers as the database index, kept in step by the
change log, and never used when it lags or for what it cannot answer."""
import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.catalog.services import document_transition
from gongkai.search import replica as replica_mod
from gongkai.search.models import IndexChange
from gongkai.search.replica import Follower, replica_forget, state_read
from gongkai.search.selectors import search_documents

from .conftest import publish

QUERIES = ["公开", "政务公开", "政務公開", "税", "柯桥", "双随机一公开", "互联网+政务服务", "公开 -财政",
           "重大建设项目", "政府信息公开规定", "绍政办发〔2021〕4号", "11330600002577014T/2021-00004",
           "火星基地", "申请 答复", "财政预决算"]


@pytest.fixture
def replica_dir(tmp_path, settings):
    settings.SEARCH_REPLICA_DIR = str(tmp_path / "replica")
    replica_forget()
    yield tmp_path / "replica"
    replica_forget()


def sync(path):
    follower = Follower(path)
    try:
        return follower.sync()
    finally:
        follower.close()


def answer(query, **kw):
    r = search_documents(query=query, per_page=50, **kw)
    return r


@pytest.mark.django_db
class TestSameAnswers:
    @pytest.mark.parametrize("sort", ["relevance", "date"])
    def test_every_query_kind_matches_the_database(self, corpus, replica_dir, settings, sort, city):
        for query in QUERIES:
            for filters in ({}, {"agency": str(city.pk)}, {"validity": "valid"}, {"year": "2023"}):
                settings.SEARCH_REPLICA_DIR = ""
                db = answer(query, filters=filters, sort=sort)
                settings.SEARCH_REPLICA_DIR = str(replica_dir)
                if not state_read(replica_dir):
                    sync(replica_dir)
                rep = answer(query, filters=filters, sort=sort)
                assert db.engine == "database" and rep.engine == "replica", query
                assert rep.total == db.total, (query, filters)
                assert {k: [(v.value, v.count) for v in vals] for k, vals in rep.facets.items()} == \
                       {k: [(v.value, v.count) for v in vals] for k, vals in db.facets.items()}, (query, filters)
                rep_ids = [h.document.pk for h in rep.hits]
                db_ids = [h.document.pk for h in db.hits]
                if sort == "date":
                    assert rep_ids == db_ids, (query, filters)
                else:
                    assert set(rep_ids) == set(db_ids), (query, filters)
                    assert [h.pinned for h in rep.hits] == [h.pinned for h in db.hits], query

    def test_title_match_ranks_first_and_doc_no_is_pinned(self, corpus, replica_dir):
        sync(replica_dir)
        r = search_documents(query="政府信息公开规定")
        assert r.engine == "replica" and r.hits[0].document.pk == corpus["regulation"].pk
        r = search_documents(query="绍政办发[2021]4号")
        assert r.hits[0].document.pk == corpus["open"].pk and r.hits[0].pinned

    def test_phrases_go_to_the_database(self, corpus, replica_dir):
        sync(replica_dir)
        r = search_documents(query='"做好依申请公开工作"')
        assert r.engine == "database"
        assert [h.document.pk for h in r.hits] == [corpus["open"].pk]


@pytest.mark.django_db
class TestFollowing:
    def test_publish_and_withdraw_reach_the_replica_on_sync(self, corpus, replica_dir, dept_a):
        sync(replica_dir)
        doc = publish(dept_a, "关于开展萤火虫保护宣传的通知", "<p>萤火虫栖息地保护。</p>",
                      publish_date=dt.date(2024, 5, 1))
        assert search_documents(query="萤火虫").total == 0  # not applied yet, still current
        assert sync(replica_dir) == {"built": 0, "applied": 1}
        r = search_documents(query="萤火虫")
        assert r.engine == "replica" and [h.document.pk for h in r.hits] == [doc.pk]
        document_transition(document=doc, action="withdraw", actor=None, reason="内容有误")
        # Before the follower runs, the replica still matches it, but the page never shows it.
        r = search_documents(query="萤火虫")
        assert r.engine == "replica" and r.hits == []
        sync(replica_dir)
        assert search_documents(query="萤火虫").total == 0
        assert sync(replica_dir) == {"built": 0, "applied": 0}  # idempotent: nothing left

    def test_a_lagging_replica_is_not_used(self, corpus, replica_dir, settings, dept_a, monkeypatch):
        monkeypatch.setattr(replica_mod, "CHECK_SECONDS", 0)
        sync(replica_dir)
        publish(dept_a, "关于萤火虫的通知", "<p>萤火虫</p>", publish_date=dt.date(2024, 5, 1))
        assert search_documents(query="公开").engine == "replica"
        IndexChange.objects.update(created_at=timezone.now() - dt.timedelta(seconds=120))
        settings.SEARCH_REPLICA_MAX_LAG = 60
        r = search_documents(query="萤火虫")
        assert r.engine == "database" and r.total == 1
        sync(replica_dir)
        assert search_documents(query="萤火虫").engine == "replica"

    def test_freshness_is_checked_once_a_second_per_process(self, corpus, replica_dir, monkeypatch):
        sync(replica_dir)
        replica = replica_mod.replica_for_search()
        assert replica is not None
        calls = []
        real = IndexChange.objects.filter
        monkeypatch.setattr(IndexChange.objects, "filter", lambda *a, **k: calls.append(k) or real(*a, **k))
        assert replica.is_current(max_lag=30) and replica.is_current(max_lag=30)
        assert calls == []  # answered from the check made a moment ago
        monkeypatch.setattr(replica_mod, "CHECK_SECONDS", 0)
        assert replica.is_current(max_lag=30) and len(calls) == 1

    def test_no_replica_directory_means_the_database(self, corpus, replica_dir):
        assert search_documents(query="公开").engine == "database"  # never built

    def test_rebuild_marker_rebuilds(self, corpus, replica_dir):
        from gongkai.search.services import index_rebuild

        sync(replica_dir)
        index_rebuild()
        follower = Follower(replica_dir)
        try:
            result = follower.sync()
        finally:
            follower.close()
        assert result["built"] == 7  # the published, 主动公开 documents of the corpus
        assert search_documents(query="公开").engine == "replica"

    def test_a_hole_in_the_change_ids_is_waited_for(self, corpus, replica_dir, dept_a):
        sync(replica_dir)
        # Everything so far is older than GAP_SECONDS: whatever holes lie below it are settled.
        IndexChange.objects.update(created_at=timezone.now() - dt.timedelta(seconds=replica_mod.GAP_SECONDS + 5))
        sync(replica_dir)
        state = state_read(replica_dir)
        base = state["applied_max"]
        assert state["watermark"] == base and state["seen"] == []
        # A transaction that took id base+1 has not committed yet; base+2 has.
        IndexChange.objects.create(id=base + 2, document_id=corpus["tax"].pk)
        sync(replica_dir)
        state = state_read(replica_dir)
        assert state["watermark"] == base and state["seen"] == [base + 2] and state["applied_max"] == base + 2
        # It commits: the follower applies it and the watermark moves past both.
        IndexChange.objects.create(id=base + 1, document_id=corpus["build"].pk)
        assert sync(replica_dir)["applied"] == 1
        state = state_read(replica_dir)
        assert state["watermark"] == base + 2 and state["seen"] == []
        # A hole that never fills (a rolled-back transaction) is passed after GAP_SECONDS.
        old = timezone.now() - dt.timedelta(seconds=replica_mod.GAP_SECONDS + 5)
        IndexChange.objects.create(id=base + 4, document_id=corpus["tax"].pk)
        IndexChange.objects.filter(id=base + 4).update(created_at=old)
        sync(replica_dir)
        assert state_read(replica_dir)["watermark"] == base + 4

    def test_old_change_rows_are_pruned(self, corpus):
        IndexChange.objects.update(created_at=timezone.now() - dt.timedelta(days=replica_mod.PRUNE_DAYS + 1))
        IndexChange.objects.create(document_id=corpus["tax"].pk)
        assert replica_mod.index_change_prune() >= 7
        assert IndexChange.objects.count() == 1

    def test_a_directory_with_other_files_is_refused(self, tmp_path):
        (tmp_path / "notes.txt").write_text("x")
        with pytest.raises(RuntimeError):
            Follower(tmp_path)

    def test_command_builds_then_syncs(self, corpus, replica_dir, capsys):
        call_command("search_replica", "--once", "--no-progress")
        assert "新建 7 篇" in capsys.readouterr().out
        call_command("search_replica", "--once", "--no-progress")
        assert "新建 0 篇，更新 0 篇" in capsys.readouterr().out
        assert search_documents(query="公开").engine == "replica"


@pytest.mark.django_db
def test_healthz_reports_the_replica_without_failing_on_it(client, corpus, replica_dir, settings, dept_a):
    assert client.get("/healthz").json()["checks"]["search"]["replica"] == "missing"
    sync(replica_dir)
    body = client.get("/healthz").json()
    assert body["checks"]["search"]["replica"] == "current" and body["checks"]["search"]["documents"] == 7
    applied = IndexChange.objects.count()
    publish(dept_a, "关于萤火虫的通知", "<p>萤火虫</p>", publish_date=dt.date(2024, 5, 1))
    IndexChange.objects.update(created_at=timezone.now() - dt.timedelta(seconds=120))
    settings.SEARCH_REPLICA_MAX_LAG = 60
    response = client.get("/healthz")
    assert response.status_code == 200  # the database answers searches meanwhile
    search = response.json()["checks"]["search"]
    assert search["ok"] and search["replica"] == "lagging" and search["documents"] == 7
    assert search["pending"] == IndexChange.objects.count() - applied >= 1  # the new document's index writes
