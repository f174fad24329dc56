"""Notices open in python-docx and carry the case's facts; administrators can replace templates."""
import datetime as dt
import io

import pytest
from docx import Document

from gongkai.core.errors import PermissionDeniedError, UserFacingError
from gongkai.foi import notices
from gongkai.foi.models import NoticeTemplate
from gongkai.foi.services import case_transition, notice_template_reset, notice_template_set

from .conftest import at

pytestmark = pytest.mark.django_db
D = dt.date


def text_of(notice) -> str:
    with notice.file.open("rb") as fh:
        doc = Document(io.BytesIO(fh.read()))
    return "\n".join(p.text for p in doc.paragraphs)


def act(case, action, actor, day, **params):
    with at(day.year, day.month, day.day):
        return case_transition(case=case, action=action, actor=actor, **params)


def test_every_notice_carries_the_case_facts(register, office_a, approver_a, dept_a):
    case = register(D(2025, 3, 3))
    receipt = case.notices.get(kind="receipt")
    text = text_of(receipt)
    for fact in (case.tracking_no, "张三", dept_a.name, "2025年3月3日", "2025年3月31日", case.query_code, receipt.number,
                 "政府信息公开申请登记回执"):
        assert fact in text, fact
    case = act(case, "request_correction", office_a, D(2025, 3, 5), items="请写明所需文件的年份和名称", days=10)
    text = text_of(case.notices.get(kind="correction"))
    assert "请写明所需文件的年份和名称" in text and "2025年3月19日" in text and "第三十条" in text
    assert "六十日内" in text and "六个月内" in text
    case = act(case, "receive_correction", office_a, D(2025, 3, 12))
    case = act(case, "start_consultation", office_a, D(2025, 3, 13), consultee="某科技有限公司",
               reason="该信息含有该公司的经营数据")
    text = text_of(case.notices.get(kind="consultation"))
    assert "某科技有限公司" in text and "第三十二条" in text and "2025年4月3日" in text and "15个工作日" in text
    case = act(case, "end_consultation", office_a, D(2025, 3, 14), reply="agree")
    case = act(case, "extend", approver_a, D(2025, 3, 20), workdays=15, reason="需要调取历史档案")
    text = text_of(case.notices.get(kind="extension"))
    assert "需要调取历史档案" in text and "15个工作日" in text and notices.cn_date(case.due_date) in text
    case = act(case, "notify_fee", office_a, D(2025, 3, 21), fee_method="per_page", pages=120)
    text = text_of(case.notices.get(kind="fee"))
    assert "1100元" in text and "国办函〔2020〕109号" in text and notices.cn_date(case.fee_due) in text
    assert "缴费期间不计入答复期限" in text and "六十日内" in text
    case = act(case, "pay_fee", office_a, D(2025, 3, 24))
    case = act(case, "answer", office_a, D(2025, 3, 28), outcome="partial", reply_text="现提供报告正文。",
               withheld_note="附件二含有个人身份信息，不予公开")
    text = text_of(case.notices.get(kind="reply"))
    for fact in (case.tracking_no, "部分公开", "第三十七条", "附件二含有个人身份信息", "现提供报告正文。",
                 "六十日内", "六个月内", "2025年3月28日"):
        assert fact in text, fact
    assert case.notices.count() == 6
    assert all(len(n.sha256) == 64 for n in case.notices.all())


@pytest.mark.parametrize("outcome, words", [("withheld_1", "国家秘密"), ("unavailable_1", "第三十六条第（四）项"),
                                            ("not_processed_2", "重复")])
def test_reply_wording_follows_the_outcome(register, office_a, outcome, words):
    case = act(register(D(2025, 3, 3)), "answer", office_a, D(2025, 3, 10), outcome=outcome)
    assert words in text_of(case.notices.get(kind="reply"))


def _template(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_administrator_override_and_reset(register, office_a, admin_user, make_user, dept_a):
    with pytest.raises(PermissionDeniedError):
        notice_template_set(key="reply", data=_template("x"), actor=office_a)
    with pytest.raises(UserFacingError):
        notice_template_set(key="reply", data=b"not a docx", actor=admin_user)
    with pytest.raises(UserFacingError):
        notice_template_set(key="reply", data=_template("{% if %}"), actor=admin_user)
    notice_template_set(key="reply", data=_template("本机关答复 {{ tracking_no }} {{ outcome_label }}"), actor=admin_user)
    notice_template_set(key="reply_granted", data=_template("予以公开专用 {{ tracking_no }}"), actor=admin_user)
    granted = act(register(D(2025, 3, 3)), "answer", office_a, D(2025, 3, 10), outcome="granted")
    assert text_of(granted.notices.get(kind="reply")).startswith("予以公开专用 " + granted.tracking_no)
    other = act(register(D(2025, 3, 3)), "answer", office_a, D(2025, 3, 10), outcome="withheld_5")
    assert "本机关答复 " + other.tracking_no in text_of(other.notices.get(kind="reply"))
    notice_template_reset(key="reply_granted", actor=admin_user)
    notice_template_reset(key="reply", actor=admin_user)
    assert not NoticeTemplate.objects.exists()
    again = act(register(D(2025, 3, 3)), "answer", office_a, D(2025, 3, 10), outcome="granted")
    assert "政府信息公开申请答复书" in text_of(again.notices.get(kind="reply"))


def test_pdf_needs_libreoffice_and_says_so(monkeypatch):
    monkeypatch.setattr(notices, "soffice_path", lambda: None)
    with pytest.raises(UserFacingError) as err:
        notices.docx_to_pdf(_template("x"))
    assert "LibreOffice" in err.value.message


@pytest.mark.skipif(notices.soffice_path() is None, reason="LibreOffice is not installed on this machine")
def test_pdf_conversion_when_libreoffice_is_installed(register):
    case = register(D(2025, 3, 3))
    with case.notices.get(kind="receipt").file.open("rb") as fh:
        pdf = notices.docx_to_pdf(fh.read())
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
