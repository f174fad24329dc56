"""Pauses at the last moment of a write, after every row (and file) is written, before the commit.

While the file named by DRILL_SLOW_FILE exists, a publishing process writes its pid to
DRILL_SLOW_FILE + ".entered" and sleeps: the drill kills it there. The other points work the same
way with a file beside it, `slow-<point>`; for imports the file holds the name of the uploaded file
to stop at (so the files before it are committed and the kill lands in the middle of the job):

- `slow-import`: an import job's item has its document and result, in the item's transaction;
- `slow-case`: `case_transition` has written the case, its event, the pending notice and the audit row;
- `slow-notice`: a notice's .docx is in storage and its row is marked issued, not yet committed;
- `slow-submit`: a public submission (意见征集 comment, 留言) has its rows and its audit row written
  (the audit row is the last write of `comment_submit` and `message_submit`); the file holds the action.
"""
import os
import time
from pathlib import Path

from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.catalog.signals import document_changed, import_item_done
from gongkai.foi.signals import case_changed, notice_issued


def _pause(slow: Path, key: str = ""):
    if not slow.exists():
        return
    wanted = slow.read_text().strip()
    if key and wanted not in ("", "1", key):
        return
    Path(str(slow) + ".entered").write_text(str(os.getpid()))
    deadline = time.monotonic() + 60
    while slow.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def _point(name: str):
    slow = os.environ.get("DRILL_SLOW_FILE")
    return Path(slow).with_name(f"slow-{name}") if slow else None


@receiver(document_changed, dispatch_uid="drills.slow_publish")
def _slow_publish(sender, document=None, action="", **kwargs):
    slow = os.environ.get("DRILL_SLOW_FILE")
    if action != "publish" or not slow:
        return
    _pause(Path(slow))


@receiver(import_item_done, dispatch_uid="drills.slow_import")
def _slow_import(sender, item=None, **kwargs):
    point = _point("import")
    if point is not None:
        _pause(point, key=item.name)


@receiver(case_changed, dispatch_uid="drills.slow_case")
def _slow_case(sender, case=None, action="", **kwargs):
    point = _point("case")
    if point is not None:
        _pause(point, key=action)


@receiver(notice_issued, dispatch_uid="drills.slow_notice")
def _slow_notice(sender, notice=None, **kwargs):
    point = _point("notice")
    if point is not None:
        _pause(point, key=notice.kind)


@receiver(post_save, sender="audit.AuditEntry", dispatch_uid="drills.slow_submit")
def _slow_submit(sender, instance=None, created=False, **kwargs):
    point = _point("submit")
    if point is not None and created and instance.action in ("consultation.comment", "mailbox.submit"):
        _pause(point, key=instance.action)
