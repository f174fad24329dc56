"""PDF and XLSX attachments in the publishing review: their text is reviewed, and a file that cannot
be read (damaged, encrypted, too large, no text layer) is a warn finding, never a silent pass."""
import io

import pytest
from django.core.files.base import ContentFile
from openpyxl import Workbook
from pypdf import PdfReader, PdfWriter

from gongkai.catalog.models import Attachment, Status
from gongkai.catalog.services import document_create, document_transition
from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.review import documents
from gongkai.review.documents import file_text
from gongkai.review.models import ReviewRecord


def make_pdf(pages: list[str]) -> bytes:
    """A minimal PDF written byte by byte: one Type0 font (Identity-H, two-byte codes equal to the
    Unicode code points) with a ToUnicode map, one text line per page; xref offsets computed."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
           b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
    }
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
            b"1 beginbfrange <0000> <FFFF> <0000> endbfrange "
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    objects[5] = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
    kids = []
    for i, text in enumerate(pages):
        page_no, content_no = 6 + 2 * i, 7 + 2 * i
        stream = b"BT /F1 12 Tf 72 720 Td <" + text.encode("utf-16-be").hex().encode() + b"> Tj ET"
        objects[content_no] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objects[page_no] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_no)
        kids.append(b"%d 0 R" % page_no)
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def make_xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "名单"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def encrypted_pdf(text: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([text]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- extraction, no database ---------------------------------------------------------------------

def test_hand_written_pdf_text_is_extracted():
    text, html = file_text(name="名单.pdf", data=make_pdf(["机密★1年", "王小明 身份证号11010519491231002X"]))
    assert html is None
    assert "机密★1年" in text and "11010519491231002X" in text


def test_xlsx_cells_are_extracted_one_row_a_line():
    text, _html = file_text(name="名单.xlsx", data=make_xlsx([["姓名", "身份证号"], ["王小明", "11010519491231002X"], [None, 3]]))
    assert "王小明\t11010519491231002X" in text.splitlines()
    assert "\t3" in text.splitlines()


@pytest.mark.parametrize("name,data,words", [
    ("坏.pdf", b"%PDF-1.4\n%%EOF\n", "无法读取 PDF 文件“坏.pdf”"),
    ("坏.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
     "无法读取 PDF 文件"),
    ("加密.pdf", None, "已加密"),
    ("扫描件.pdf", None, "没有可读取的文字"),
    ("坏.xlsx", b"PK\x03\x04 not a workbook", "无法读取 Excel 文件“坏.xlsx”"),
    ("加密.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "已加密"),
])
def test_unreadable_files_give_a_chinese_error(name, data, words):
    if name == "加密.pdf":
        data = encrypted_pdf("王小明 身份证号11010519491231002X")
    if name == "扫描件.pdf":
        data = make_pdf([" "])
    with pytest.raises(UserFacingError) as exc:
        file_text(name=name, data=data)
    assert words in exc.value.message


def test_zip_bomb_xlsx_is_not_opened():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (3 * 1024 * 1024))  # ratio ~1000:1
    with pytest.raises(UserFacingError) as exc:
        file_text(name="炸弹.xlsx", data=out.getvalue())
    assert "无法读取 Excel 文件“炸弹.xlsx”" in exc.value.message


def test_pdf_page_and_xlsx_cell_limits(monkeypatch):
    monkeypatch.setattr(documents, "MAX_PDF_PAGES", 2)
    with pytest.raises(UserFacingError) as exc:
        file_text(name="长.pdf", data=make_pdf(["一", "二", "三"]))
    assert "有 3 页，超过 2 页" in exc.value.message
    monkeypatch.setattr(documents, "MAX_XLSX_CELLS", 10)
    with pytest.raises(UserFacingError) as exc:
        file_text(name="大.xlsx", data=make_xlsx([[i, i + 1, i + 2] for i in range(5)]))
    assert "超过 10 个单元格" in exc.value.message
    monkeypatch.setattr(documents, "MAX_EXTRACTED_CHARS", 20)
    with pytest.raises(UserFacingError) as exc:
        file_text(name="多.pdf", data=make_pdf(["示范市" * 10]))
    assert "未能全部审查" in exc.value.message


# --- the publish gate, on both databases ---------------------------------------------------------

def _pending_with(agency, actor, name, data):
    doc = document_create(agency=agency, actor=actor, title="关于低保对象名单的公告", body_html="<p>名单见附件。</p>")
    attachment = Attachment(document=doc, original_name=name, size=len(data), sha256="0" * 64)
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    return document_transition(document=doc, action="submit", actor=actor)


@pytest.mark.django_db
@pytest.mark.parametrize("name,data,shown", [
    ("名单.pdf", make_pdf(["低保对象名单", "王小明 身份证号11010519491231002X"]), "1101**********002X"),
    ("名单.xlsx", make_xlsx([["姓名", "身份证号"], ["王小明", "11010519491231002X"]]), "1101**********002X"),
    ("通知.pdf", make_pdf(["机密★1年", "关于调整工作安排的通知"]), "机密★1年"),
    ("通知.xlsx", make_xlsx([["内部资料"], ["关于调整工作安排的通知"]]), "内部资料"),
])
def test_id_number_or_secrecy_marker_in_pdf_or_xlsx_blocks_publishing(dept_a, editor_a, reviewer_a, name, data, shown):
    doc = _pending_with(dept_a, editor_a, name, data)
    with pytest.raises(TransitionError) as exc:
        document_transition(document=doc, action="publish", actor=reviewer_a, override_reason="已核实")
    assert "发布前审查未通过" in exc.value.message and shown in exc.value.message
    doc.refresh_from_db()
    assert doc.status == Status.PENDING and not ReviewRecord.objects.exists()


@pytest.mark.django_db
def test_clean_pdf_and_xlsx_attachments_publish(dept_a, editor_a, reviewer_a):
    doc = _pending_with(dept_a, editor_a, "说明.pdf", make_pdf(["2024年共发放低保金120万元。"]))
    attachment = Attachment(document=doc, original_name="统计.xlsx", size=1, sha256="0" * 64)
    attachment.file.save("统计.xlsx", ContentFile(make_xlsx([["月份", "户数"], ["1月", 120]])), save=False)
    attachment.save()
    doc = document_transition(document=doc, action="publish", actor=reviewer_a)
    assert doc.status == Status.PUBLISHED
    assert ReviewRecord.objects.get(document=doc).verdict == "pass"


@pytest.mark.django_db
@pytest.mark.parametrize("name,data,words", [
    ("损坏.pdf", b"%PDF-1.4\n%%EOF\n", "无法读取 PDF 文件“损坏.pdf”"),
    ("加密.pdf", "encrypted", "PDF 文件“加密.pdf”已加密"),
    ("损坏.xlsx", b"PK\x03\x04 not a workbook", "无法读取 Excel 文件“损坏.xlsx”"),
    ("过大.pdf", b"%PDF-1.4\n" + b"0" * (documents.MAX_SCAN_BYTES + 10), "附件“过大.pdf”：文件超过 20 MB"),
    ("身份证照片.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100, "附件“身份证照片.jpg”的文件类型无法自动审查"),
    ("旧版名单.doc", b"\xd0\xcf\x11\xe0" + b"0" * 100, "附件“旧版名单.doc”的文件类型无法自动审查"),
])
def test_unreadable_attachment_needs_a_reviewer_override(dept_a, editor_a, reviewer_a, name, data, words):
    if data == "encrypted":
        data = encrypted_pdf("王小明 身份证号11010519491231002X")
    doc = _pending_with(dept_a, editor_a, name, data)
    with pytest.raises(TransitionError) as exc:
        document_transition(document=doc, action="publish", actor=reviewer_a)
    assert "需人工确认" in exc.value.message and words in exc.value.message
    assert "须人工审查该附件" in exc.value.message
    doc = document_transition(document=doc, action="publish", actor=reviewer_a, override_reason="附件已由审核人逐页查看")
    assert doc.status == Status.PUBLISHED
    record = ReviewRecord.objects.get(document=doc)
    assert record.verdict == "warn" and record.overridden
    assert record.report["attachments"][0]["name"] == name
