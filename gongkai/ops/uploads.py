"""Check and store uploaded files: type by content, size limit, Office container attacks, safe names.

    from gongkai.ops.uploads import upload_check, upload_save

    checked = upload_check(name=f.name, data=f.read(), allowed={"pdf", "docx", "xlsx"})
    path = upload_save(directory="attachments/7", checked=checked)

Every refusal is a `UserFacingError` with a Chinese message. The type comes from the bytes (magic
numbers, then the container's part names), never from the name the browser sent; the stored name is
made from scratch. `.docx`/`.xlsx` are zip containers, checked by `gongkai.core.officezip.office_check`
(zip bombs, too many parts, unsafe part names, encryption, a DOCTYPE or entity in any XML part).
"""
import errno
import hashlib
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError
from gongkai.core.officezip import office_check

KIND_EXTENSIONS = {
    "pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "odt": "odt", "ofd": "ofd",
    "doc": "doc", "xls": "xls", "png": "png", "jpg": "jpg", "gif": "gif", "zip": "zip",
    "html": "html", "txt": "txt",
}
KIND_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text", "ofd": "application/ofd",
    "doc": "application/msword", "xls": "application/vnd.ms-excel",
    "png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "zip": "application/zip",
    "html": "text/html", "txt": "text/plain",
}


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    safe_name: str
    content_type: str
    size: int
    sha256: str
    data: bytes


def _zip_kind(names: set) -> str:
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    if "mimetype" in names and "content.xml" in names:
        return "odt"
    return "zip"


def _ole_kind(data: bytes) -> str:
    # The directory entries are UTF-16 names; Word keeps "WordDocument", Excel "Workbook"/"Book".
    head = data[: 1024 * 1024]
    if "WordDocument".encode("utf-16-le") in head:
        return "doc"
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return "xls"
    return ""


def _text_kind(data: bytes) -> str:
    sample = data[:4096]
    if b"\x00" in sample:
        return ""
    for encoding in ("utf-8", "gb18030"):
        try:
            text = sample.decode(encoding)
            break
        except UnicodeDecodeError:
            if encoding == "utf-8" and len(data) > 4096:
                try:  # the sample may have cut a multi-byte character in two
                    text = sample[:-3].decode("utf-8")
                    break
                except UnicodeDecodeError:
                    continue
            continue
    else:
        return ""
    lowered = text.lstrip("\ufeff \r\n\t").lower()
    if lowered.startswith(("<!doctype html", "<html", "<meta", "<head", "<body")):
        return "html"
    return "txt"


def sniff_kind(data: bytes) -> str:
    """Return the file kind from its bytes ('' when unknown). Zip containers are opened to tell."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(data)
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return _zip_kind(set(archive.namelist()))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            return ""
    return _text_kind(data)


def _refuse(message) -> UserFacingError:
    return UserFacingError(message, code="upload_refused")


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def safe_filename(name: str, *, extension: str = "", max_chars: int = 80) -> str:
    """Make a display/storage name from an untrusted one: no directories, no control or shell
    characters, no leading dots, bounded length; the extension comes from the sniffed kind."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFKC", base)
    stem, dot, old_ext = base.rpartition(".")
    if not dot:
        stem = base
    stem = _UNSAFE.sub("_", stem).strip(" ._-")
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")[:max_chars].strip(" ._-")
    if not stem:
        stem = "file"
    ext = extension or _UNSAFE.sub("", old_ext if dot else "").lower()[:10]
    return f"{stem}.{ext}" if ext else stem


def upload_check(*, name: str, data: bytes, allowed=None, max_bytes=None) -> CheckedUpload:
    """Check an upload's size and type; return what to store. Raises UserFacingError in Chinese."""
    limit = int(max_bytes or getattr(settings, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
    if not data:
        raise _refuse(_("文件为空，请重新选择文件。"))
    if len(data) > limit:
        raise _refuse(_("文件过大：最大允许 %(limit)s，本文件 %(size)s。")
                      % {"limit": filesizeformat(limit), "size": filesizeformat(len(data))})
    kind = sniff_kind(data)
    allowed = set(allowed) if allowed else {"pdf", "docx", "xlsx", "doc", "xls", "png", "jpg", "ofd", "txt"}
    if not kind or kind not in allowed:
        labels = "、".join(sorted(KIND_EXTENSIONS[k] for k in allowed if k in KIND_EXTENSIONS))
        raise _refuse(_("不支持的文件类型（按文件内容识别，与文件名无关）。允许的类型：%(kinds)s。") % {"kinds": labels})
    if data.startswith(b"PK\x03\x04"):
        office_check(data, max_bytes=limit)  # the project's one Office/zip check (gongkai.core.officezip)
    return CheckedUpload(kind=kind, safe_name=safe_filename(name, extension=KIND_EXTENSIONS[kind]),
                         content_type=KIND_CONTENT_TYPES[kind], size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), data=data)


def storage_save(*, path: str, data: bytes, storage=None) -> str:
    """Save bytes to storage; a full disk becomes a clear Chinese error and leaves no partial file."""
    storage = storage or default_storage
    try:
        existed = storage.exists(path)
    except OSError:
        existed = True
    try:
        return storage.save(path, ContentFile(data))
    except OSError as exc:
        try:  # remove what a failed write left behind, never a file that was already there
            if not existed and storage.exists(path):
                storage.delete(path)
        except Exception:
            pass
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise UserFacingError(_("服务器存储空间已满，文件未能保存。已保存的其他内容不受影响，请联系系统管理员后重试。"),
                                  code="disk_full") from exc
        raise UserFacingError(_("文件保存失败（存储不可用），请稍后重试。"), code="storage_error") from exc


def upload_save(*, directory: str, checked: CheckedUpload, storage=None) -> str:
    """Store a checked upload under `directory` with a content-addressed, safe name."""
    path = os.path.join(directory.strip("/"), f"{checked.sha256[:16]}.{KIND_EXTENSIONS[checked.kind]}")
    return storage_save(path=path, data=checked.data, storage=storage)
