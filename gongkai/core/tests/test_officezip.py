"""Issue 13, defect 2: one safe opener for every Office/zip file, used everywhere one is read.

Each attack shape below passed the old entity filters (which looked for "<!DOCTYPE" in the first
64 KiB of parts named .xml/.rels, as UTF-8 bytes) or the report checker (which had no check at all).
"""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.errors import UserFacingError
from gongkai.core.officezip import OfficeFileError, docx_open, office_check

DTD = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'


def _docx_bytes(text="示范市教育局关于开展安全检查的通知") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rebuild(data: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: src.read(name) for name in src.namelist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def _with_dtd(xml: bytes, *, padding: bytes = b"") -> bytes:
    end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    return xml[:end] + padding + DTD.encode() + xml[end:]


def _utf16(parts):
    xml = _with_dtd(parts["word/document.xml"]).decode().replace("encoding='UTF-8'", "encoding='UTF-16'")
    parts["word/document.xml"] = xml.encode("utf-16")  # with a byte-order mark


def _utf16_no_bom(parts):
    xml = _with_dtd(parts["word/document.xml"]).decode().replace("encoding='UTF-8'", "encoding='UTF-16'")
    parts["word/document.xml"] = xml.encode("utf-16-le")


def _late(parts):  # the DOCTYPE after 70 KB of comment: still in the prolog, past any fixed window
    parts["word/document.xml"] = _with_dtd(parts["word/document.xml"], padding=b"<!--" + b"x" * 70_000 + b"-->")


def _renamed(parts):  # the main part under a name no filter looks at, found through the relationships
    xml = _with_dtd(parts.pop("word/document.xml"))
    parts["word/media/body.bin"] = xml
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/word/document.xml", b"/word/media/body.bin")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"word/media/body.bin")


ATTACKS = {"utf16": _utf16, "utf16_no_bom": _utf16_no_bom, "doctype_after_64k": _late, "renamed_main_part": _renamed}


@pytest.mark.parametrize("shape", sorted(ATTACKS))
def test_entities_are_refused_whatever_the_part_name_or_encoding(shape):
    from gongkai.ops.uploads import upload_check

    data = _rebuild(_docx_bytes(), ATTACKS[shape])
    with pytest.raises(OfficeFileError, match="XML 实体|不是有效的 XML"):
        office_check(data)
    with pytest.raises(UserFacingError):  # attachments (and anything else using upload_check)
        upload_check(name="附件.docx", data=data, allowed={"docx", "zip"})


def test_a_clean_utf16_part_still_opens():
    def utf16_clean(parts):
        xml = parts["word/document.xml"].decode().replace("encoding='UTF-8'", "encoding='UTF-16'")
        parts["word/document.xml"] = xml.encode("utf-16")

    document = docx_open(_rebuild(_docx_bytes("正文"), utf16_clean))
    assert document.paragraphs[0].text == "正文"


def test_lying_header_cannot_inflate_without_bound(monkeypatch):
    from gongkai.core import officezip

    big = _rebuild(_docx_bytes(), lambda p: p.__setitem__("word/extra.xml", b"<a>" + b"x" * 3_000_000 + b"</a>"))
    monkeypatch.setattr(officezip, "MAX_UNPACKED", 1_000_000)
    with pytest.raises(OfficeFileError, match="压缩炸弹"):
        office_check(big)


def _bomb() -> bytes:
    """A .docx whose body inflates to 10 MB of white space: about 40 KB on the wire."""
    filler = b"<w:p><w:r><w:t xml:space=\"preserve\">" + b" " * 10_000_000 + b"</w:t></w:r></w:p>"
    return _rebuild(_docx_bytes(), lambda p: p.__setitem__(
        "word/document.xml", p["word/document.xml"].replace(b"<w:body>", b"<w:body>" + filler)))


@pytest.mark.django_db
def test_report_checker_refuses_a_zip_bomb(client):
    bomb = _bomb()
    assert len(bomb) < 200_000
    response = client.post("/api/reports/check", {"file": SimpleUploadedFile("年报.docx", bomb)})
    assert response.status_code == 400 and "压缩炸弹" in response.json()["detail"]


@pytest.mark.django_db
def test_report_checker_refuses_entities():
    from gongkai.reports.parser.extract import lines_from_file

    with pytest.raises(UserFacingError, match="XML 实体"):
        lines_from_file(name="年报.docx", data=_rebuild(_docx_bytes(), _late))


@pytest.mark.django_db
def test_figure_import_xlsx_with_a_doctype_is_a_chinese_error(dept_a, office_city):
    import openpyxl

    from gongkai.reports.services import manual_figures_import

    wb = openpyxl.Workbook()
    wb.active.append(["行政许可", "3", "统计"])
    out = io.BytesIO()
    wb.save(out)
    data = _rebuild(out.getvalue(), lambda p: p.__setitem__(
        "xl/worksheets/sheet1.xml", _with_dtd(p["xl/worksheets/sheet1.xml"]).replace(b"w:document", b"worksheet")))
    with pytest.raises(UserFacingError, match="XML 实体"):
        manual_figures_import(agency=dept_a, year=2024, name="数字.xlsx", data=data, actor=office_city)


def test_importer_refuses_a_renamed_main_part():
    from gongkai.catalog.importing.readers import ReadError, read_document

    data = _rebuild(_docx_bytes(), _renamed)
    with pytest.raises(ReadError, match="XML 实体|缺少文档正文"):
        read_document(name="通知.docx", data=data)


def test_review_scan_of_an_xlsx_uses_the_opener():
    from gongkai.review.documents import file_text

    def sheet_utf16(parts):
        xml = _with_dtd(parts["xl/sharedStrings.xml"] if "xl/sharedStrings.xml" in parts
                        else parts["xl/workbook.xml"])
        name = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in parts else "xl/workbook.xml"
        parts[name] = xml.decode().encode("utf-16")

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "身份证号"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(UserFacingError, match="XML 实体|不是有效的 XML"):
        file_text(name="表.xlsx", data=_rebuild(out.getvalue(), sheet_utf16))


def test_parts_in_encodings_expat_lacks_are_transcoded_then_checked():
    def gbk(text: str):
        return lambda parts: parts.__setitem__("customXml/item1.xml", text.encode("gbk"))

    office_check(_rebuild(_docx_bytes(), gbk('<?xml version="1.0" encoding="GBK"?><a>中文</a>')))
    with pytest.raises(OfficeFileError, match="XML 实体"):
        office_check(_rebuild(_docx_bytes(), gbk('<?xml version="1.0" encoding="GBK"?>' + DTD + "<a>中文</a>")))
