"""Fuzz the document importer and the annual-report checker with hostile and broken files.

Every input must end in a result or a Chinese UserFacingError: never another exception, never a
hang (each call is timed), never a half-saved document.
"""
import io
import time

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from gongkai.core.errors import UserFacingError

SLOW_SECONDS = 15
FUZZ = hsettings(max_examples=25, deadline=None, database=None, derandomize=True,
                 suppress_health_check=list(HealthCheck))


def _docx(paragraphs, table=None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = str(value)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _xlsx(rows) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


SEED_DOCX = _docx(["示范市教育局关于做好2024年政务公开工作的通知", "示教发〔2024〕3号",
                   "各区县教育局：", "一、总体要求。坚持以公开为常态、不公开为例外。", "示范市教育局", "2024年3月1日"])
SEED_REPORT = _docx(["示范市教育局2023年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况"],
                    table=[["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"],
                           ["行政规范性文件", "3", "1", "12"]])
SEED_XLSX = _xlsx([["本年新收政府信息公开申请数量", "12"], ["上年结转政府信息公开申请数量", "1"]])
SEED_HTML = ("<html><head><meta charset='utf-8'><title>关于印发办法的通知</title></head><body>"
             "<h1>关于印发办法的通知</h1><p>发文字号：示政发〔2024〕1号</p><script>alert(1)</script>"
             "<div style='display:none'><a href='http://spam.example/'>博彩</a></div></body></html>").encode()


@st.composite
def mutated(draw, seed: bytes):
    """The seed file with a few bytes flipped, a slice cut out, or truncated."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 8))):
        i = draw(st.integers(0, len(data) - 1))
        data[i] = draw(st.integers(0, 255))
    how = draw(st.sampled_from(["flip", "truncate", "cut", "append"]))
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "cut":
        a = draw(st.integers(0, len(data)))
        b = draw(st.integers(a, min(len(data), a + 4096)))
        data = data[:a] + data[b:]
    elif how == "append":
        data += draw(st.binary(max_size=512))
    return bytes(data)


FILES = st.one_of(
    st.binary(max_size=4096),
    mutated(SEED_DOCX),
    mutated(SEED_HTML),
    mutated(SEED_XLSX),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8")),
    st.text(max_size=500).map(lambda t: t.encode("gb18030", errors="ignore")),
)
NAMES = st.sampled_from(["通知.docx", "通知.html", "通知.txt", "年报.xlsx", "../../etc/passwd", "无扩展名",
                         "a" * 300 + ".docx", "报告.DOCX", "x.pdf"])


@pytest.mark.django_db
@FUZZ
@given(name=NAMES, data=FILES)
def test_importer_never_crashes(name, data, dept_a):
    from gongkai.catalog.importing.services import document_import
    from gongkai.catalog.models import Document

    before = Document.objects.count()
    started = time.monotonic()
    result = document_import(name=name, data=data, agency=dept_a, dry_run=True)
    assert time.monotonic() - started < SLOW_SECONDS
    assert result.ok in (True, False)
    if not result.ok:
        assert result.error and any("\u4e00" <= ch <= "\u9fff" for ch in result.error), result.error
    assert Document.objects.count() == before  # a dry run saves nothing


@pytest.mark.django_db
def test_importer_sanitises_hostile_html(dept_a):
    from gongkai.catalog.importing.services import document_import

    result = document_import(name="通知.html", data=SEED_HTML, agency=dept_a)
    if result.ok:
        body = result.document.body_html
        assert "<script" not in body and "spam.example" not in body and "alert(1)" not in body
    else:
        assert result.error


@pytest.mark.django_db
@FUZZ
@given(name=NAMES, data=st.one_of(st.binary(max_size=4096), mutated(SEED_REPORT), mutated(SEED_XLSX)))
def test_report_checker_never_crashes(name, data):
    from gongkai.reports.services import report_check_upload

    started = time.monotonic()
    try:
        check = report_check_upload(name=name, data=data)
    except UserFacingError as exc:
        assert exc.message and any("\u4e00" <= ch <= "\u9fff" for ch in exc.message), exc.message
    else:
        assert check.result is not None and check.ok in (True, False)
    assert time.monotonic() - started < SLOW_SECONDS


@pytest.mark.django_db
def test_report_checker_refuses_entity_attack():
    from gongkai.reports.services import report_check_upload
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SEED_REPORT)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/document.xml":
                content = content.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
                content = content.replace("一、总体情况".encode(), b"&x;")
            dst.writestr(item, content)
    started = time.monotonic()
    try:
        check = report_check_upload(name="年报.docx", data=buf.getvalue())
    except UserFacingError:
        pass
    else:
        assert "root:" not in str(check.result)
    assert time.monotonic() - started < SLOW_SECONDS
