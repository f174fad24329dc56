"""Demo 测评: the snapshots of the last six months, computed from the demo's own data (every other
app's demo has loaded by now: assessment comes after them in INSTALLED_APPS). Idempotent: skipped
when this month has snapshots."""
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Snapshot
from .periods import month_shift, month_start
from .services import snapshot_compute

MONTHS = 6


def load(*, stdout):
    month = month_start(timezone.localdate())
    if Snapshot.objects.filter(month=month).exists():
        return
    total = sum(snapshot_compute(month=month_shift(month, -back)) for back in range(MONTHS - 1, -1, -1))
    stdout.write(_("测评演示：%(m)d 个月，%(n)d 个快照") % {"m": MONTHS, "n": total})
