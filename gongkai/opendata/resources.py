"""Resource files: the format from the name checked against the content, size and SHA-256 taken
while the file is streamed into storage (a large CSV never sits in memory), the path for the
DataStore load and the privacy scan."""
import hashlib
import os

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError
from gongkai.ops.uploads import safe_filename

from .models import FORMATS

CHUNK = 1024 * 1024
XLSX_MAX_BYTES = 200 * 1024 * 1024


def format_of(filename: str) -> str:
    ext = os.path.splitext(filename or "")[1].lower().lstrip(".")
    if ext not in FORMATS:
        raise UserFacingError(_("不支持的文件格式“%(ext)s”：数据资源应为 CSV、XLSX、JSON、XML（或 PDF）。")
                              % {"ext": ext or _("无扩展名")})
    return ext


def _head_check(fmt: str, head: bytes, handle) -> None:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    ok = {
        "pdf": head.startswith(b"%PDF-"),
        "xlsx": head.startswith(b"PK\x03\x04"),
        "json": text[:1] in (b"{", b"["),
        "xml": text[:1] == b"<",
        "csv": b"\x00" not in head[:65536] and not head.startswith((b"PK\x03\x04", b"%PDF-")),
    }[fmt]
    if not ok:
        raise UserFacingError(_("文件内容与扩展名“%(fmt)s”不符，请检查文件。") % {"fmt": fmt.upper()})
    if fmt == "xlsx":
        from gongkai.core.officezip import office_check

        handle.seek(0)
        data = handle.read(XLSX_MAX_BYTES + 1)
        if len(data) > XLSX_MAX_BYTES:
            raise UserFacingError(_("XLSX 文件过大：请改用 CSV 格式上传。"))
        office_check(data, max_bytes=XLSX_MAX_BYTES)


def file_store(*, dataset_id: int, filename: str, source) -> dict:
    """Store an upload (a Django File/UploadedFile or an open binary file). Returns format, size,
    sha256 and the storage name."""
    fmt = format_of(filename)
    handle = source.file if hasattr(source, "file") and not hasattr(source, "read") else source
    handle.seek(0)
    digest, size = hashlib.sha256(), 0
    head = b""
    while chunk := handle.read(CHUNK):
        if not head:
            head = chunk[:65536]
        digest.update(chunk)
        size += len(chunk)
    if not size:
        raise UserFacingError(_("文件为空，请重新选择文件。"))
    _head_check(fmt, head, handle)
    handle.seek(0)
    sha = digest.hexdigest()
    name = safe_filename(filename, extension=fmt)
    stored = default_storage.save(f"opendata/{dataset_id}/{sha[:12]}-{name}", File(handle, name=name))
    return {"format": fmt, "size": size, "sha256": sha, "name": stored}


def file_path(resource) -> str:
    return default_storage.path(resource.file.name)
