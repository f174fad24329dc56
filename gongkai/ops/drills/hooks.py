"""A pause at the very end of the publish transaction, after every row is written, before commit.

While the file named by DRILL_SLOW_FILE exists, the process writes its pid to DRILL_SLOW_FILE +
".entered" and sleeps: the drill kills it there.
"""
import os
import time
from pathlib import Path

from django.dispatch import receiver

from gongkai.catalog.signals import document_changed


@receiver(document_changed, dispatch_uid="drills.slow_publish")
def _slow_publish(sender, document=None, action="", **kwargs):
    slow = os.environ.get("DRILL_SLOW_FILE")
    if action != "publish" or not slow or not Path(slow).exists():
        return
    Path(slow + ".entered").write_text(str(os.getpid()))
    deadline = time.monotonic() + 60
    while Path(slow).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
