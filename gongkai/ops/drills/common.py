"""What the fault drills share: the run directory and pause points, waiting, arming a pause point,
raw POSTs to gunicorn, and the consistency checks (the fixtures are in conftest.py)."""
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench" / "load"))

RUN_DIR = Path(os.environ.get("DRILL_RUN_DIR", "/tmp/gongkai-drills"))
BASE_PORT = int(os.environ.get("DRILL_BASE_PORT", "18800"))  # nginx HTTPS; the others follow (stack.py)
SLOW = RUN_DIR / "slow-publish"  # the pause points of gongkai/ops/drills/hooks.py: slow-<point>
SLOW_IMPORT = RUN_DIR / "slow-import"
SLOW_CASE = RUN_DIR / "slow-case"
SLOW_NOTICE = RUN_DIR / "slow-notice"


def _nginx(stack):
    """nginx with the production site (deploy/nginx/gongkai.conf: TLS, limit_req, /media/), once."""
    if "nginx" not in stack.procs:
        stack.nginx_start()
    return stack


def _wait(predicate, timeout=60, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
def _pending(people, title):
    import datetime as dt

    from gongkai.catalog.services import document_create, document_transition

    doc = document_create(agency=people["agency"], actor=people["user"], title=title,
                          written_date=dt.date(2024, 5, 6), body_html="<p>演练正文。</p>")
    return document_transition(document=doc, action="submit", actor=people["user"])


def _state(doc_id):
    from gongkai.audit.models import AuditEntry
    from gongkai.catalog.models import Document, Revision

    doc = Document.objects.get(pk=doc_id)
    return {"status": doc.status, "index_no": doc.index_no,
            "revisions": Revision.objects.filter(document_id=doc_id).count(),
            "publish_audits": AuditEntry.objects.filter(object_type="catalog.document", object_id=str(doc_id),
                                                        action="document.publish").count()}


def _assert_consistent():
    from django.db.models import Count

    from gongkai.audit.services import audit_chain_verify
    from gongkai.catalog.models import Document

    assert audit_chain_verify() == []
    dupes = (Document.objects.exclude(index_no="").exclude(index_no__isnull=True).values("index_no")
             .annotate(n=Count("id")).filter(n__gt=1))
    assert not dupes.exists(), list(dupes)


def _arm(slow=SLOW, key="1"):
    Path(str(slow) + ".entered").unlink(missing_ok=True)
    slow.write_text(key)


def _entered_pid(slow=SLOW):
    marker = Path(str(slow) + ".entered")
    return int(marker.read_text()) if marker.exists() and marker.read_text() else 0
def _post(stack, path, timeout=90):
    """(status, body) of a POST straight to gunicorn; ("error", repr) when the connection dies."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(stack.url(path, direct=True), data=b"", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except Exception as exc:  # the connection dies with the worker
        return "error", repr(exc)


def _case(people):
    """An application registered today; its receipt is rendered by the worker."""
    from django.utils import timezone

    from gongkai.foi.services import case_register

    case, _code = case_register(
        agency=people["agency"], actor=people["user"], channel="in_person", received_date=timezone.localdate(),
        fields={"applicant_kind": "natural_person", "applicant_name": "演练申请人", "id_type": "id_card",
                "id_number": "11010519491231002X", "phone": "13800138000", "address": "演练市人民路1号",
                "info_title": "演练信息", "info_description": "请提供演练用的政府信息。", "info_form": "electronic",
                "delivery": "email"})
    _wait(lambda: _notice_state(case.pk)["notices"] == [("receipt", "issued")], timeout=60,
          what="the receipt to be generated")
    return case


def _notice_state(case_id):
    from gongkai.audit.models import AuditEntry
    from gongkai.foi.models import Case, Notice

    case = Case.objects.get(pk=case_id)
    notices = list(Notice.objects.filter(case_id=case_id).order_by("id"))
    return {"status": case.status, "outcome": case.outcome,
            "events": list(case.events.order_by("id").values_list("kind", flat=True)),
            "notices": [(n.kind, n.status) for n in notices],
            "case_audits": list(AuditEntry.objects.filter(object_type="foi.case", object_id=str(case_id))
                                .order_by("id").values_list("action", flat=True)),
            "issue_audits": AuditEntry.objects.filter(object_type="foi.notice", action="foi.notice_issue",
                                                      object_id__in=[str(n.pk) for n in notices]).count()}
