"""Issue 13, defect 1: code execution through notice templates.

A department 管理员 uploaded a 登记回执 template containing
`{{ cycler.__init__.__globals__.os.popen('id').read() }}`; it ran at upload (validation rendered it)
and again in another agency's next receipt. Now: an immutable Jinja sandbox without globals renders
every template, an upload may use only the documented variables, templates belong to one agency (the
government-wide default is a superuser's), and the audit row names the agency.
"""
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from docx import Document

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, UserFacingError
from gongkai.foi import notices
from gongkai.foi.models import NoticeStatus, NoticeTemplate
from gongkai.foi.services import notice_template_reset, notice_template_set

pytestmark = pytest.mark.django_db
D = dt.date


def _template(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _text(notice) -> str:
    with notice.file.open("rb") as fh:
        return "\n".join(p.text for p in Document(io.BytesIO(fh.read())).paragraphs)


@pytest.fixture
def admin_a(make_user, dept_a):
    return make_user("admin_a", dept_a, Role.ADMIN)


@pytest.fixture
def marker(tmp_path) -> Path:
    return tmp_path / "pwned"


def _payloads(marker: Path) -> list:
    command = f"touch {marker}"
    return [
        "{{ cycler.__init__.__globals__.os.popen('%s').read() }}" % command,
        "{{ agency_name.__class__.__mro__[1].__subclasses__() }}",
        "{{ (tracking_no|attr('__class__')).__init__.__globals__ }}",
        "{{ joiner.__init__.__globals__.os.system('%s') }}" % command,
    ]


def test_the_payload_does_not_run_at_upload(admin_a, dept_a, marker):
    payload = _payloads(marker)[0]
    with pytest.raises(UserFacingError, match="不允许的变量：cycler"):
        notice_template_set(key="receipt", data=_template(payload), actor=admin_a, agency=dept_a)
    for other in _payloads(marker)[1:]:
        with pytest.raises(UserFacingError):
            notice_template_set(key="receipt", data=_template(other), actor=admin_a, agency=dept_a)
    assert not marker.exists() and not NoticeTemplate.objects.exists()


def test_a_stored_payload_does_not_run_at_rendering(register, marker):
    """A template stored before this check (or written straight into the table) is still rendered in
    the sandbox: the notice fails in Chinese and nothing runs."""
    for payload in _payloads(marker):
        NoticeTemplate.objects.all().delete()
        template = NoticeTemplate(key="receipt")
        template.file.save("receipt.docx", ContentFile(_template("回执 {{ tracking_no }} " + payload)))
        receipt = register(D(2025, 3, 3)).notices.get()
        assert receipt.status == NoticeStatus.FAILED and "无法生成" in receipt.error, payload
    assert not marker.exists()


def test_templates_are_scoped_per_agency(register, admin_a, admin_user, dept_a, dept_b, make_user, office_a):
    office_b = make_user("office_b2", dept_b, Role.OFFICE)
    notice_template_set(key="receipt", data=_template("甲局回执 {{ tracking_no }}"), actor=admin_a, agency=dept_a)
    row = AuditEntry.objects.filter(action="foi.template_set").get()
    assert row.agency_id == dept_a.pk and row.data["agency"] == dept_a.slug
    # Another agency's receipt is not touched by dept A's template.
    case_b = register(D(2025, 3, 3), agency=dept_b, actor=office_b)
    assert "政府信息公开申请登记回执" in _text(case_b.notices.get())
    case_a = register(D(2025, 3, 3))
    assert _text(case_a.notices.get()).startswith("甲局回执 " + case_a.tracking_no)
    # A department administrator changes neither another department nor the government-wide default.
    with pytest.raises(PermissionDeniedError):
        notice_template_set(key="receipt", data=_template("{{ tracking_no }}"), actor=admin_a, agency=dept_b)
    with pytest.raises(PermissionDeniedError, match="全局默认"):
        notice_template_set(key="receipt", data=_template("{{ tracking_no }}"), actor=admin_a)
    with pytest.raises(PermissionDeniedError):
        notice_template_reset(key="receipt", actor=admin_a)
    # The superuser's government-wide default applies where an agency has none of its own.
    notice_template_set(key="receipt", data=_template("全局回执 {{ tracking_no }}"), actor=admin_user)
    assert AuditEntry.objects.filter(action="foi.template_set").last().agency_id is None
    assert _text(register(D(2025, 3, 4), agency=dept_b, actor=office_b).notices.get()).startswith("全局回执")
    assert _text(register(D(2025, 3, 4)).notices.get()).startswith("甲局回执")
    notice_template_reset(key="receipt", actor=admin_a, agency=dept_a)
    reset = AuditEntry.objects.filter(action="foi.template_reset").get()
    assert reset.agency_id == dept_a.pk
    assert _text(register(D(2025, 3, 5)).notices.get()).startswith("全局回执")


def test_console_upload_goes_to_the_administrators_agency(client, admin_a, dept_a, dept_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_a)
    page = client.get("/console/foi/templates/").content.decode()
    assert dept_a.name in page and "tracking_no" in page
    client.post("/console/foi/templates/", {"agency": str(dept_a.pk), "key": "receipt",
                                            "file": SimpleUploadedFile("t.docx", _template("自定义 {{ tracking_no }}"))})
    assert NoticeTemplate.objects.get().agency == dept_a
    page = client.post("/console/foi/templates/", {"agency": str(dept_a.pk), "key": "fee", "file": SimpleUploadedFile(
        "t.docx", _template("{{ lipsum() }}"))}, follow=True).content.decode()
    assert "不允许的变量" in page and NoticeTemplate.objects.count() == 1
    assert client.get(f"/console/foi/templates/?agency={dept_b.pk}").status_code == 404


def test_shipped_templates_use_only_documented_variables():
    from docxtpl import DocxTemplate

    for path in sorted(notices.DEFAULTS_DIR.glob("*.docx")):
        used = notices.template_variables(DocxTemplate(io.BytesIO(path.read_bytes())))
        assert used <= notices.TEMPLATE_VARIABLES, (path.name, used - notices.TEMPLATE_VARIABLES)
        assert notices.template_validate(path.read_bytes()) == "", path.name


def test_templates_in_headers_and_properties_are_checked(admin_a, dept_a):
    doc = Document()
    doc.add_paragraph("{{ tracking_no }}")
    doc.sections[0].header.paragraphs[0].text = "{{ config }}"
    out = io.BytesIO()
    doc.save(out)
    assert "config" in notices.template_validate(out.getvalue())
    doc = Document()
    doc.add_paragraph("{{ tracking_no }}")
    doc.core_properties.title = "{{ request }}"
    out = io.BytesIO()
    doc.save(out)
    assert "request" in notices.template_validate(out.getvalue())
