"""Reading uploads in the console: the size limit before reading, then the shared content check.

The type of an attachment is decided by its bytes (`gongkai.ops.uploads.upload_check`: magic
numbers, then the Office container's part names, plus zip-bomb and XML-entity checks), never by the
name the browser sent; the stored name is rebuilt with the extension of what the file really is.
"""
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError
from gongkai.ops.uploads import upload_check

# PDF, Word, Excel (both generations), JPEG and PNG images, plain text.
ATTACHMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "doc", "xls", "jpg", "png", "txt"})


def upload_read(upload, *, limit=None) -> bytes:
    """Read an uploaded file, refusing it before reading when it is over MAX_UPLOAD_BYTES."""
    limit = settings.MAX_UPLOAD_BYTES if limit is None else limit
    if upload.size is not None and upload.size > limit:
        raise UserFacingError(_("文件“%(name)s”过大（%(size)s），上限为 %(limit)s。") % {
            "name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UserFacingError(_("文件“%(name)s”过大，上限为 %(limit)s。") % {
            "name": upload.name, "limit": filesizeformat(limit)})
    return data


def attachment_upload_check(upload):
    """Read and check an attachment; returns gongkai.ops.uploads.CheckedUpload or raises."""
    data = upload_read(upload)
    return upload_check(name=upload.name, data=data, allowed=ATTACHMENT_KINDS)
