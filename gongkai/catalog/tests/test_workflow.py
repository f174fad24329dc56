import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection

from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Document, RelationKind, Status, Validity
from gongkai.catalog.services import (document_create, document_transition, document_update,
                                      relation_add)
from gongkai.catalog.transitions import TRANSITIONS
from gongkai.core.errors import PermissionDeniedError, TransitionError

pytestmark = pytest.mark.django_db


def _draft(agency, actor=None, **kw):
    fields = {"title": "关于印发示范市政务公开工作要点的通知", "written_date": dt.date(2024, 5, 6),
              "body_html": "<p>正文</p>"}
    fields.update(kw)
    return document_create(agency=agency, actor=actor, **fields)


def test_full_path_writes_an_audit_row_per_transition(dept_a, editor_a, reviewer_a):
    doc = _draft(dept_a, editor_a)
    document_transition(document=doc, action="submit", actor=editor_a)
    document_transition(document=doc, action="return", actor=reviewer_a, reason="缺少附件")
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT and doc.status_reason == "缺少附件"
    document_transition(document=doc, action="submit", actor=editor_a)
    document_transition(document=doc, action="publish", actor=reviewer_a)
    document_transition(document=doc, action="withdraw", actor=reviewer_a, reason="内容有误")
    document_transition(document=doc, action="reopen", actor=editor_a, reason="更正后重新发布")
    rows = list(AuditEntry.objects.filter(object_type="catalog.document", object_id=str(doc.pk))
                .values_list("action", "from_state", "to_state", "actor_label", "reason"))
    assert rows == [
        ("document.create", "", "draft", "editor_a", ""),
        ("document.submit", "draft", "pending", "editor_a", ""),
        ("document.return", "pending", "draft", "reviewer_a", "缺少附件"),
        ("document.submit", "draft", "pending", "editor_a", ""),
        ("document.publish", "pending", "published", "reviewer_a", ""),
        ("document.withdraw", "published", "withdrawn", "reviewer_a", "内容有误"),
        ("document.reopen", "withdrawn", "draft", "editor_a", "更正后重新发布"),
    ]


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_every_transition_checks_role_and_source(action, dept_a, make_user):
    t = TRANSITIONS[action]
    from gongkai.agencies.models import Role

    doc = _draft(dept_a)
    # bring the document into the transition's source state through the real path
    path = {Status.DRAFT: [], Status.PENDING: ["submit"], Status.PUBLISHED: ["submit", "publish"],
            Status.WITHDRAWN: ["submit", "publish", "withdraw"]}
    source = sorted(t.sources)[0]
    for step in path[source]:
        document_transition(document=doc, action=step, actor=None, reason="准备")
    allowed = [r for r in Role if r in t.roles]
    denied = [r for r in Role if r not in t.roles]
    for role in denied:
        user = make_user(f"u_{action}_{role}", dept_a, role)
        with pytest.raises(PermissionDeniedError):
            document_transition(document=doc, action=action, actor=user, reason="理由")
    # a user with the right role in another agency is refused too
    from gongkai.agencies.models import Agency

    other = Agency.objects.create(name="其他局", slug=f"other-{action}")
    outsider = make_user(f"out_{action}", other, *t.roles)
    with pytest.raises(PermissionDeniedError):
        document_transition(document=doc, action=action, actor=outsider, reason="理由")
    user = make_user(f"ok_{action}", dept_a, allowed[0])
    if t.reason_required:
        with pytest.raises(TransitionError):
            document_transition(document=doc, action=action, actor=user, reason="  ")
    doc = document_transition(document=doc, action=action, actor=user, reason="理由")
    assert doc.status == t.target
    # and the same transition from a wrong state is refused
    if doc.status not in t.sources:
        with pytest.raises(TransitionError):
            document_transition(document=doc, action=action, actor=user, reason="理由")


def test_publish_assigns_index_no_and_hash_and_never_changes_it(dept_a):
    doc = _draft(dept_a, publish_date=dt.date(2024, 5, 10))
    document_transition(document=doc, action="submit", actor=None)
    doc = document_transition(document=doc, action="publish", actor=None)
    assert doc.index_no == "000014349/2024-00001"
    rev = doc.revisions.get()
    assert len(rev.sha256) == 64 and rev.snapshot["index_no"] == doc.index_no
    document_transition(document=doc, action="withdraw", actor=None, reason="更正")
    document_transition(document=doc, action="reopen", actor=None, reason="更正")
    document_update(document=doc, actor=None, title="关于印发示范市政务公开工作要点（修订）的通知",
                    index_no="HACK/1")
    document_transition(document=doc, action="submit", actor=None)
    doc = document_transition(document=doc, action="publish", actor=None)
    assert doc.index_no == "000014349/2024-00001"
    assert doc.revisions.count() == 2
    assert doc.revisions.order_by("number").last().sha256 != rev.sha256


def test_index_format_is_configurable_per_agency(dept_b):
    dept_b.index_code = "CZJ"
    dept_b.index_format = "{code}-{year}-{serial:06d}"
    dept_b.save()
    doc = _draft(dept_b, publish_date=dt.date(2023, 1, 9))
    document_transition(document=doc, action="submit", actor=None)
    assert document_transition(document=doc, action="publish", actor=None).index_no == "CZJ-2023-000001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_publishing_never_duplicates_index_no(dept_a):
    docs = []
    for i in range(12):
        d = _draft(dept_a, title=f"并发发布测试文件{i}的通知", publish_date=dt.date(2024, 6, 1))
        document_transition(document=d, action="submit", actor=None)
        docs.append(d)
    errors = []
    barrier = threading.Barrier(4)

    def worker(chunk):
        try:
            barrier.wait()
            for d in chunk:
                document_transition(document=d, action="publish", actor=None)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(docs[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    close_old_connections()
    assert errors == []
    numbers = list(Document.objects.filter(agency=dept_a).values_list("index_no", flat=True))
    assert len(numbers) == 12 and len(set(numbers)) == 12
    assert sorted(numbers) == [f"000014349/2024-{i:05d}" for i in range(1, 13)]


def test_abolishing_document_changes_target_validity(dept_a):
    old = _draft(dept_a, title="示范市旧办法", validity=Validity.VALID)
    document_transition(document=old, action="submit", actor=None)
    document_transition(document=old, action="publish", actor=None)
    new = _draft(dept_a, title="示范市关于废止旧办法的决定")
    relation_add(source=new, target=old, kind=RelationKind.ABOLISHES, actor=None)
    document_transition(document=new, action="submit", actor=None)
    new = document_transition(document=new, action="publish", actor=None)
    old.refresh_from_db()
    assert old.validity == Validity.ABOLISHED and old.expiry_date == new.publish_date
    assert AuditEntry.objects.filter(action="document.validity", object_id=str(old.pk)).exists()


def test_published_document_cannot_be_edited(published_doc, editor_a):
    with pytest.raises(TransitionError):
        document_update(document=published_doc, actor=editor_a, title="改")


def test_editor_of_other_agency_cannot_edit(dept_a, editor_b):
    doc = _draft(dept_a)
    with pytest.raises(PermissionDeniedError):
        document_update(document=doc, actor=editor_b, title="改")


def test_doc_no_is_normalised_on_save(dept_a):
    doc = _draft(dept_a, doc_no="示教发［2024］07号")
    assert doc.doc_no == "示教发〔2024〕7号"
    assert connection.vendor in {"sqlite", "postgresql"}
