"""Reading .txt (encodings), .html (hostile markup) and .docx (corrupt, bombs, DOCTYPE)."""
import io
import zipfile
from pathlib import Path

import pytest

from gongkai.catalog.importing import readers
from gongkai.catalog.importing.readers import ReadError, read_document
from gongkai.catalog.importing.services import document_extract

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = (FIXTURES / "header_colon.txt").read_text("utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_text_encodings(encoding):
    f = document_extract(name="a.txt", data=SAMPLE.encode(encoding)).fields
    assert f["title"] == "示范市教育局关于做好2024年义务教育招生入学工作的通知"
    assert f["publisher"] == "示范市教育局"


def test_gb18030_four_byte_characters():
    text = "关于㐀𠀀字库的通知\n\n正文第一段，含有扩展汉字㐀。"
    f = document_extract(name="a.txt", data=text.encode("gb18030")).fields
    assert f["title"] == "关于㐀𠀀字库的通知"


def test_short_gbk_file():
    data = "示范市财政局关于预算公开的通知\n请各单位执行。".encode("gbk")
    assert read_document(name="x.txt", data=data).lines[0] == "示范市财政局关于预算公开的通知"


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00\x01\x02binary\x00" * 50,
                                  b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4])
def test_undecodable_bytes_get_a_chinese_reason(data):
    with pytest.raises(ReadError) as exc:
        read_document(name="bad.txt", data=data)
    assert any(word in exc.value.message for word in ("编码", "二进制"))


def test_empty_and_unsupported_files():
    with pytest.raises(ReadError, match="文件为空"):
        read_document(name="a.txt", data=b"  \n ")
    with pytest.raises(ReadError, match="不支持的文件类型"):
        read_document(name="a.pdf", data=b"%PDF-1.4")
    with pytest.raises(ReadError, match=r"\.doc"):
        read_document(name="a.doc", data=b"\xd0\xcf\x11\xe0")


def test_too_large(settings):
    settings.MAX_UPLOAD_BYTES = 100
    with pytest.raises(ReadError, match="文件过大"):
        read_document(name="a.txt", data=SAMPLE.encode())


def test_no_text_is_refused():
    with pytest.raises(ReadError, match="没有可导入的正文"):
        document_extract(name="a.txt", data="当前位置：首页 > 政务公开\n字体：[ 大 中 小 ]\n".encode())


# --- HTML -----------------------------------------------------------------------------------

def test_html_strips_scripts_hidden_spam_and_chrome():
    ex = document_extract(name="p.html", data=(FIXTURES / "page_table_header.html").read_bytes())
    f = ex.fields
    assert f["title"] == "示范市教育局关于印发校外培训机构监管办法的通知"
    assert f["index_no"] == "000014349/2024-00031"
    assert f["doc_no"] == "示教发〔2024〕9号"
    assert f["written_date"] == "2024-06-03"
    assert f["publish_date"] == "2024-06-05"  # the table's 公开日期 is empty; the info line has it
    assert f["validity"] == "有效"
    for bad in ("赌场", "博彩", "网站首页", "当前位置", "分享", "版权所有", "浏览次数", "字体"):
        assert bad not in ex.body_html
    assert "<h2>一、总体要求</h2>" in ex.body_html
    assert "<td>证照审核</td>" in ex.body_html


def test_html_gbk_with_meta_charset_and_page_title_fallback():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "<title>关于公布2023年预算的公告_示范市财政局</title></head>"
            "<body><p>根据预算法规定，现将预算予以公开。</p></body></html>")
    f = document_extract(name="p.htm", data=page.encode("gbk")).fields
    assert f["title"] == "关于公布2023年预算的公告"
    assert f["body_chars"] > 10


# --- DOCX -----------------------------------------------------------------------------------

def make_docx() -> bytes:
    import docx

    d = docx.Document()
    table = d.add_table(rows=2, cols=4)
    for r, cells in enumerate([("索引号", "000014349/2024-00050", "发布机构", "示范市教育局"),
                               ("发文字号", "示教发〔2024〕11号", "成文日期", "2024年9月2日")]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    d.add_paragraph("示范市教育局关于加强中小学校园安全管理的通知", style="Title")
    d.add_paragraph("一、总体要求")
    d.add_paragraph("坚持安全第一、预防为主。")
    body = d.add_table(rows=2, cols=2)
    body.cell(0, 0).text, body.cell(0, 1).text = "任务", "责任单位"
    body.cell(1, 0).text, body.cell(1, 1).text = "隐患排查", "各学校"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_metadata_title_and_tables():
    ex = document_extract(name="a.docx", data=make_docx())
    f = ex.fields
    assert f["title"] == "示范市教育局关于加强中小学校园安全管理的通知"
    assert f["index_no"] == "000014349/2024-00050"
    assert f["publisher"] == "示范市教育局"
    assert f["doc_no"] == "示教发〔2024〕11号"
    assert f["written_date"] == "2024-09-02"
    assert "<h2>一、总体要求</h2>" in ex.body_html
    assert "<td>隐患排查</td><td>各学校</td>" in ex.body_html


def test_corrupt_docx():
    with pytest.raises(ReadError, match="不是有效的 Word 文件"):
        read_document(name="a.docx", data=b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ReadError, match="不是有效的 Word 文件"):
        read_document(name="a.docx", data=make_docx()[:400])


def test_docx_without_document_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match="缺少文档正文"):
        read_document(name="a.docx", data=buf.getvalue())


def _rewrite(data: bytes, part: str, content: bytes) -> bytes:
    """Copy the archive with `part` replaced (or added) by `content`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != part:
                z.writestr(info.filename, src.read(info))
        z.writestr(part, content)
    return out.getvalue()


def test_docx_zip_bomb_ratio_refused():
    bomb = _rewrite(make_docx(), "word/media/pad.xml", b"<a>" + b"\x20" * 8_000_000 + b"</a>")
    with pytest.raises(ReadError, match="压缩比异常|压缩炸弹"):
        read_document(name="bomb.docx", data=bomb)


def test_docx_total_size_refused(monkeypatch):
    from gongkai.core import officezip

    monkeypatch.setattr(officezip, "MAX_UNPACKED", 1000)
    with pytest.raises(ReadError, match="解压后体积过大"):
        read_document(name="a.docx", data=make_docx())


def test_docx_doctype_and_entities_refused():
    data = make_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    evil = xml.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY x "boom">]>', 1)
    with pytest.raises(ReadError, match="DOCTYPE"):
        read_document(name="evil.docx", data=_rewrite(data, "word/document.xml", evil))


def test_big5_text():
    text = "發布機構：示範市教育局\n\n示範市教育局關於辦理入學登記的通知\n各學校：請依規定辦理。"
    f = document_extract(name="a.txt", data=text.encode("big5")).fields
    assert f["publisher"] == "示範市教育局"
    assert f["title"] == "示範市教育局關於辦理入學登記的通知"


def test_html_menus_above_the_title_and_metadata_below():
    page = """<html><body>
    <div class="top"><a>网站首页</a></div><div><a>政务公开</a></div><div><a>政务服务</a></div>
    <div class="meta">索引号：000014349/2024-00077</div>
    <h1>示范市教育局关于公布2024年民办学校年检结果的公告</h1>
    <table><tr><td>发布机构：</td><td>示范市教育局</td><td>发布日期：</td><td>2024-07-01</td></tr></table>
    <p>根据民办教育促进法，现将年检结果公告如下。</p></body></html>"""
    ex = document_extract(name="p.html", data=page.encode("utf-8"))
    assert ex.fields["title"] == "示范市教育局关于公布2024年民办学校年检结果的公告"
    assert ex.fields["index_no"] == "000014349/2024-00077"
    assert ex.fields["publisher"] == "示范市教育局" and ex.fields["publish_date"] == "2024-07-01"
    assert "政务服务" not in ex.body_html and ex.body_html.startswith("<p>根据民办教育促进法")


def test_html_definition_list_header_above_the_title():
    page = """<html><body><div>网站首页</div>
    <dl><dt>索引号：</dt><dd>000014349/2025-00003</dd><dt>发文字号：</dt><dd></dd>
    <dt>有效性：</dt><dd>有效</dd></dl>
    <h1>示范市教育局关于2025年寒假安全工作的通知</h1><p>各学校：请做好假期安全教育。</p></body></html>"""
    f = document_extract(name="p.html", data=page.encode("utf-8")).fields
    assert f["index_no"] == "000014349/2025-00003"
    assert f["doc_no"] is None and f["validity"] == "有效"
    assert f["title"] == "示范市教育局关于2025年寒假安全工作的通知"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_a_character_cut_at_the_end_is_tolerated(encoding):
    data = SAMPLE.encode(encoding) + "号".encode(encoding)[:1]
    f = document_extract(name="a.txt", data=data).fields
    assert f["title"] == "示范市教育局关于做好2024年义务教育招生入学工作的通知"


def test_utf8_page_wrongly_labelled_gb2312():
    page = '<html><head><meta charset="gb2312"></head><body><h1>关于公布预算的公告</h1><p>正文内容。</p></body></html>'
    assert document_extract(name="p.html", data=page.encode("utf-8")).fields["title"] == "关于公布预算的公告"


# --- bounded parsing (issue 13, defect 3) and Japanese encodings (defect 13) -----------------------

def test_deeply_nested_html_is_refused_before_parsing():
    """50,000 nested <div>s held the write lock for 13 minutes; now refused at once, in Chinese."""
    page = "<html><body><h1>示范市关于某事的通知</h1>" + "<div>" * 50_000 + "正文" + "</div>" * 50_000 + "</body></html>"
    with pytest.raises(ReadError, match="嵌套超过"):
        read_document(name="deep.html", data=page.encode())
    with pytest.raises(ReadError, match="嵌套超过"):  # the same page saved as .txt
        read_document(name="deep.txt", data=page.encode())
    assert readers.html_depth("<div><p>a<p>b<div><br><img src=x></div></div>") == 2


def test_nesting_a_real_page_uses_is_read():
    page = "<html><body>" + "<div>" * 60 + "<h1>示范市关于某事的通知</h1><p>各单位：请遵照执行。</p>" + "</div>" * 60
    source = read_document(name="ok.html", data=page.encode())
    assert source.title_hint == "示范市关于某事的通知" and "各单位：请遵照执行。" in source.lines


def test_too_much_text_is_refused_with_a_reason():
    data = ("示范市关于某事的通知\n" + "各单位认真落实。" * (readers.TEXT_MAX_CHARS // 8 + 1)).encode()
    with pytest.raises(ReadError, match="文字过多"):
        read_document(name="big.txt", data=data)


def test_parsing_stops_at_its_time_budget():
    with pytest.raises(ReadError, match="解析超时"):
        readers.html_to_lines("<html><body><p>示范</p></body></html>", budget=readers._Budget(seconds=-1))


@pytest.mark.parametrize("encoding", ["shift_jis", "cp932", "euc_jp"])
def test_japanese_text_is_not_read_as_gbk_mojibake(encoding):
    text = "東京都情報公開条例に基づく開示請求の手続について\n\n本条例は、都民の知る権利を尊重し、情報の公開を求める権利を明らかにするものである。"
    source = read_document(name="ja.txt", data=text.encode(encoding))
    assert source.lines[0] == "東京都情報公開条例に基づく開示請求の手続について"
    assert "都民の知る権利" in "".join(source.lines)


def test_chinese_gbk_and_big5_are_not_taken_for_japanese():
    zh = "示范市人民政府办公室关于做好政务公开工作的通知\n各区县人民政府：现将有关事项通知如下，请认真贯彻执行。"
    assert readers.decode_text(zh.encode("gbk")) == zh
    tw = "臺北市政府關於加強資訊公開工作的通知\n各區公所：為落實政府資訊公開法，請依規定辦理並回報。"
    assert readers.decode_text(tw.encode("big5")) == tw
