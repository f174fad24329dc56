"""Every notice kind rendered to PDF by the server (LibreOffice, with the project's font mapping)
and read back: A4, GB/T 9704 lines of 28 characters and at most 22 lines a page, the mapped fonts,
page numbers, and the 落款 never alone on a page."""
import datetime as dt
import io
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from gongkai.core.errors import UserFacingError
from gongkai.foi import notices, pdf_fonts

from .test_notices import act

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("fc-match")),
                                 reason="needs LibreOffice and fontconfig (Makefile DEB_PACKAGES)")]
D = dt.date
A4 = (595.3, 841.9)
LONG = "经查，该报告共分三个部分，分别为预算编制情况、预算执行情况和绩效评价情况，现将可以公开的部分提供给申请人。" * 8


def pdf_of(notice):
    with notice.file.open("rb") as fh:
        return PdfReader(io.BytesIO(notices.docx_to_pdf(fh.read())))


def lines_of(page):
    return [line.replace(" ", "") for line in page.extract_text().splitlines() if line.strip()]


def check_layout(reader, notice):
    pages = reader.pages
    for page in pages:
        w, h = (float(x) for x in page.mediabox[2:])
        assert abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1
        fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
        assert fonts and all("NotoSerifCJK" in f or "NotoSansCJK" in f or "UKai" in f for f in fonts), fonts
        lines = lines_of(page)
        assert re.fullmatch(r"—\d+—", lines[-1]), lines[-1]  # "— N —" page number
        assert len(lines) - 1 <= 22 + 1  # 22 text lines (+ the title block's larger lines fit fewer)
        cjk = [line for line in lines if not re.search(r"[0-9A-Za-z]", line)]
        assert max(len(line) for line in cjk) <= 28
    text = "".join("".join(lines_of(p)) for p in pages)
    assert "。。" not in text and "见下文" not in text and "下文" not in text
    # the 落款 (署名 + 日期) shares its page with body text
    last = lines_of(pages[-1])
    date = notice.context["issue_date"]
    at = next(i for i, line in enumerate(last) if line == date)
    assert last[at - 1] == notice.context["agency_name"]
    assert at >= 3 and last[at - 2].endswith(("。", "；", "）")) or last[at - 2].startswith("附件")
    return text


def test_every_notice_kind_renders_to_a4_with_the_mapped_fonts(register, office_a, approver_a):
    case = register(D(2025, 3, 3))
    case = act(case, "request_correction", office_a, D(2025, 3, 5), items="请写明所需文件的年份和名称。", days=10)
    case = act(case, "receive_correction", office_a, D(2025, 3, 12))
    case = act(case, "start_consultation", office_a, D(2025, 3, 13), consultee="某科技有限公司",
               reason="该信息含有该公司的经营数据。")
    case = act(case, "end_consultation", office_a, D(2025, 3, 14), reply="agree")
    case = act(case, "extend", approver_a, D(2025, 3, 20), workdays=15, reason="需要调取历史档案。")
    case = act(case, "notify_fee", office_a, D(2025, 3, 21), fee_method="per_page", pages=120)
    case = act(case, "pay_fee", office_a, D(2025, 3, 24))
    case = act(case, "answer", office_a, D(2025, 3, 28), outcome="partial", reply_text=LONG,
               withheld_note="附件二含有个人身份信息，不予公开。", legal_basis="《中华人民共和国政府信息公开条例》第三十七条。")
    seen = {}
    for notice in case.notices.all():
        reader = pdf_of(notice)
        seen[notice.kind] = (len(reader.pages), check_layout(reader, notice))
    assert set(seen) == {"receipt", "correction", "consultation", "extension", "fee", "reply"}
    assert seen["receipt"][0] == 1 and seen["reply"][0] >= 2
    assert "示教依申〔2025〕" in seen["reply"][1] and "不予公开的部分不服" in seen["reply"][1]
    bold = {str(f.get_object()["/BaseFont"]) for f in pdf_of(case.notices.get(kind="reply")).pages[0][
        "/Resources"]["/Font"].values()}
    assert any("Bold" in f for f in bold)  # the title in 方正小标宋简体 → Noto Serif CJK SC Bold


def test_a_one_line_short_of_a_page_moves_the_last_paragraph_with_the_seal(register, office_a):
    """Whatever the reply's length, the 落款 is never alone at the top of a page."""
    for n in (6, 8):
        case = act(register(D(2025, 3, 3)), "answer", office_a, D(2025, 3, 10), outcome="granted",
                   reply_text="现提供报告正文。" * (n * 4))
        check_layout(pdf_of(case.notices.get(kind="reply")), case.notices.get(kind="reply"))


def test_the_font_mapping_file_and_the_table_agree():
    root = ET.parse(pdf_fonts.FONTS_CONF).getroot()
    mapped = {m.find("test/string").text: m.find("edit/string").text for m in root.findall("match")}
    assert mapped == {name: family for name, (family, _style, _pkg) in pdf_fonts.MAPPING.items()}
    assert pdf_fonts.fonts_problem() == ""
    assert pdf_fonts.fc_match("方正小标宋简体") == ("Noto Serif CJK SC", "Bold")


def test_a_missing_font_is_an_error_not_a_fallback(monkeypatch, register):
    monkeypatch.setattr(pdf_fonts, "_checked", False)
    monkeypatch.setitem(pdf_fonts.MAPPING, "仿宋_GB2312", ("FZFangSong-Z02", "Regular", "fonts-fz-fangsong"))
    problem = pdf_fonts.fonts_problem()
    assert "仿宋_GB2312" in problem and "fonts-fz-fangsong" in problem
    case = register(D(2025, 3, 3))
    with pytest.raises(UserFacingError) as err:
        pdf_of(case.notices.get())
    assert "公文字体缺失" in err.value.message
