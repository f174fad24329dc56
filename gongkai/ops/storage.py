"""The default file storage: Django's file system storage, with a full disk turned into a clear
Chinese error (UserFacingError, which every upload view already shows) and no partial file left.

Because the error is raised before the database row is saved and every service runs in a
transaction, a refused upload changes nothing that was saved before.
"""
import errno

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        try:
            return super()._save(name, content)
        except OSError as exc:
            if exc.errno not in FULL_ERRNOS:
                raise
            try:  # Django creates the file exclusively, so what is there now is our partial write
                import os

                os.remove(full_path)
            except OSError:
                pass
            raise UserFacingError(
                _("服务器存储空间已满，文件未能保存。已保存的其他内容不受影响，请联系系统管理员后重试。"),
                code="disk_full") from exc
