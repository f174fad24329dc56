"""JSON API, the scheduled task, and attachments in the publishing review."""
import json

import pytest
from django.core.files.base import ContentFile

from gongkai.catalog.models import Attachment
from gongkai.catalog.services import document_create, document_transition
from gongkai.core.errors import TransitionError
from gongkai.review.models import IntegrityRun
from gongkai.review.schedules import SCHEDULE
from gongkai.review.tasks import integrity_check_task

pytestmark = pytest.mark.django_db


def test_api_scan_and_integrity(client, reviewer_a, editor_a):
    body = {"text": "申请人张建国，手机13812345678。", "context": ""}
    assert client.post("/api/review/scan", json.dumps(body), content_type="application/json").status_code == 401
    client.force_login(editor_a)
    response = client.post("/api/review/scan", json.dumps(body), content_type="application/json")
    assert response.status_code == 403 and "审查接口" in response.json()["detail"]
    client.force_login(reviewer_a)
    data = client.post("/api/review/scan", json.dumps(body), content_type="application/json").json()
    assert data["verdict"] == "warn"
    assert [(p["kind"], p["start"], p["end"]) for p in data["pii"]] == [("person_name", 3, 6), ("mobile", 9, 20)]
    assert client.get("/api/review/integrity").json()["ok"] is None
    integrity_check_task()
    data = client.get("/api/review/integrity").json()
    assert data["ok"] is True


def test_daily_task_scheduled_and_stores_run(published_doc):
    entry = SCHEDULE["review-integrity-daily"]
    assert entry["task"] == integrity_check_task.name
    run_id = integrity_check_task.delay().get()
    run = IntegrityRun.objects.get(pk=run_id)
    assert run.source == IntegrityRun.Source.SCHEDULED and run.ok and run.documents_checked == 1


def test_attachment_text_is_reviewed_before_publishing(dept_a, editor_a, reviewer_a):
    doc = document_create(agency=dept_a, actor=editor_a, title="关于低保对象名单的公告",
                          body_html="<p>名单见附件。</p>")
    attachment = Attachment(document=doc, original_name="名单.txt", size=10, sha256="0" * 64)
    attachment.file.save("名单.txt", ContentFile("王小明 身份证号11010519491231002X".encode()), save=False)
    attachment.save()
    document_transition(document=doc, action="submit", actor=editor_a)
    with pytest.raises(TransitionError) as exc:
        document_transition(document=doc, action="publish", actor=reviewer_a)
    assert "1101**********002X" in exc.value.message


# Issue 13, defect 9: bounded work and JSON errors on /api/review/scan.
def _scan(client, body):
    return client.post("/api/review/scan", json.dumps(body, ensure_ascii=False).encode(), content_type="application/json")


def test_api_scan_many_hidden_spans_is_linear(client, reviewer_a):
    client.force_login(reviewer_a)
    # 140,000 hidden <span>s, nested (unclosed) and closed: one pass over the tags.
    nested = '<span style="display:none">' * 140_000 + "澳门博彩官网" + "</span>"
    data = _scan(client, {"text": "正文。", "html": nested}).json()
    passages = data["spam"]["passages"]
    assert data["verdict"] == "block" and len(passages) == 1 and passages[0]["source"] == "html"
    closed = '<span hidden>博彩</span>' * 30_000
    data = _scan(client, {"text": "正文。", "html": closed}).json()
    assert data["spam"]["is_spam"] and len(data["spam"]["passages"]) == 30_000
    # The same in plain text: tag runs with one id on many kinds of element.
    text = "".join(f'<span id="q7x"></span><i id="q7x"></i>\n' for _ in range(5_000))
    data = _scan(client, {"text": text}).json()
    assert data["spam"]["is_spam"] and len(data["spam"]["passages"]) == 5_000


def test_api_scan_bounds_answer_json_in_chinese(client, reviewer_a):
    client.force_login(reviewer_a)
    response = _scan(client, {"text": "a" * 2_000_001})
    assert response.status_code == 413 and response["Content-Type"].startswith("application/json")
    assert "200 万字" in response.json()["detail"]
    # Past the request size Django accepts (its own answer is the HTML 400 page).
    response = _scan(client, {"text": "政务公开" * 600_000})
    assert response.status_code == 413 and response["Content-Type"].startswith("application/json")
    assert "MB" in response.json()["detail"]
    # A text made of spam fragments only is refused, not scored for minutes.
    response = _scan(client, {"text": "博彩 " * 25_000})
    assert response.status_code == 400 and "无法逐一审查" in response.json()["detail"]


def test_api_errors_django_raises_before_the_view_are_json(client):
    # A malformed multipart body makes Django refuse the request (handler400).
    from django.test import RequestFactory

    from gongkai.api.urls import bad_request

    request = RequestFactory().post("/api/review/scan")
    response = bad_request(request)
    assert response.status_code == 400 and json.loads(response.content)["detail"]
    page = bad_request(RequestFactory().get("/xxgk/"))
    assert page.status_code == 400 and "application/json" not in page["Content-Type"]
