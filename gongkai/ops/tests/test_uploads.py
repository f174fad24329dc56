import errno
import io
import zipfile

import pytest
from django.core.files.storage import FileSystemStorage

from gongkai.core.errors import UserFacingError
from gongkai.ops.uploads import safe_filename, sniff_kind, storage_save, upload_check, upload_save


def _docx(extra_xml: bytes = b"", parts=None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", extra_xml or b'<?xml version="1.0"?><w:document>\xe6\xad\xa3\xe6\x96\x87</w:document>')
        for name, data in (parts or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "收到申请数"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_kind_comes_from_content_not_name():
    assert sniff_kind(b"%PDF-1.7\n...") == "pdf"
    assert sniff_kind(_docx()) == "docx"
    assert sniff_kind(_xlsx()) == "xlsx"
    assert sniff_kind(b"\x89PNG\r\n\x1a\n....") == "png"
    assert sniff_kind("政府信息公开申请".encode("gb18030")) == "txt"
    assert sniff_kind(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff_kind(b"MZ\x90\x00\x03\x00\x00\x00") == ""
    checked = upload_check(name="年报.pdf", data=_docx())
    assert checked.kind == "docx" and checked.safe_name == "年报.docx"
    with pytest.raises(UserFacingError, match="不支持的文件类型"):
        upload_check(name="通知.pdf", data=b"MZ\x90\x00 this is an exe")
    with pytest.raises(UserFacingError, match="不支持的文件类型"):
        upload_check(name="a.pdf", data=b"%PDF-1.4", allowed={"docx"})


def test_size_limit_and_empty(settings):
    settings.MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UserFacingError, match="文件过大"):
        upload_check(name="a.pdf", data=b"%PDF-" + b"0" * 2000)
    with pytest.raises(UserFacingError, match="文件为空"):
        upload_check(name="a.pdf", data=b"")


def test_zip_bomb_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/media/big.bin", b"\0" * (30 * 1024 * 1024))  # ~30 KB compressed
    data = buf.getvalue()
    assert len(data) < 200_000
    with pytest.raises(UserFacingError, match="压缩炸弹"):
        upload_check(name="bomb.docx", data=data)


def test_many_parts_refused():
    parts = {f"word/media/p{i}.xml": b"<a/>" for i in range(2100)}
    with pytest.raises(UserFacingError, match="部件数量过多"):
        upload_check(name="many.docx", data=_docx(parts=parts))


@pytest.mark.parametrize("payload", [
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document>&lol2;</w:document>',
    b'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document>&xxe;</w:document>',
])
def test_xml_entities_refused(payload):
    with pytest.raises(UserFacingError, match="XML 实体"):
        upload_check(name="x.docx", data=_docx(payload))


def test_entity_in_relationship_part_refused():
    data = _docx(parts={"word/_rels/document.xml.rels": b'<!DOCTYPE r [<!ENTITY e SYSTEM "http://x/">]><Relationships/>'})
    with pytest.raises(UserFacingError, match="XML 实体"):
        upload_check(name="x.docx", data=data)


def test_path_traversal_member_refused():
    with pytest.raises(UserFacingError, match="不安全的路径"):
        upload_check(name="x.docx", data=_docx(parts={"../../etc/cron.d/evil": b"x"}))


def test_truncated_office_file_refused():
    data = _docx()[:-40]
    with pytest.raises(UserFacingError):
        upload_check(name="x.docx", data=data)


@pytest.mark.parametrize("name,expected", [
    ("../../etc/passwd", "passwd.pdf"),
    ("C:\\Users\\张三\\桌面\\申请书.doc", "申请书.pdf"),
    ("..", "file.pdf"),
    ("a\x00b<script>.pdf", "a_b_script.pdf"),
    ("ｆｕｌｌ　ｗｉｄｔｈ．ｐｄｆ", "full width.pdf"),
    (".htaccess", "file.pdf"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name, extension="pdf") == expected


def test_safe_filename_bounded():
    assert len(safe_filename("长" * 500 + ".docx", extension="docx")) <= 86


class FullDisk(FileSystemStorage):
    """A storage whose disk is full: writes fail with ENOSPC after creating a partial file."""

    def _save(self, name, content):
        path = self.path(name)
        import os

        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_refused_clearly_and_nothing_lost(tmp_path):
    storage = FullDisk(location=str(tmp_path))
    good = FileSystemStorage(location=str(tmp_path))
    kept = upload_save(directory="attachments/1", checked=upload_check(name="a.pdf", data=b"%PDF-1.4 kept"), storage=good)
    checked = upload_check(name="b.pdf", data=b"%PDF-1.4 new")
    with pytest.raises(UserFacingError, match="存储空间已满") as info:
        upload_save(directory="attachments/1", checked=checked, storage=storage)
    assert info.value.code == "disk_full"
    assert good.open(kept).read() == b"%PDF-1.4 kept"  # what was saved before is intact
    files = sorted(p.name for p in (tmp_path / "attachments" / "1").iterdir())
    assert files == [kept.rsplit("/", 1)[-1]]  # the partial write was removed


def test_storage_error_other_than_full(tmp_path):
    class Broken(FileSystemStorage):
        def _save(self, name, content):
            raise OSError(errno.EIO, "I/O error")

    with pytest.raises(UserFacingError, match="文件保存失败"):
        storage_save(path="x/y.pdf", data=b"%PDF-", storage=Broken(location=str(tmp_path)))
