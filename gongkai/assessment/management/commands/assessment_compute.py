"""`gongkai assessment_compute [--month YYYY-MM]`: compute the 测评 snapshots of a month (default: this
month) for the whole government and each agency."""
import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "计算测评指标的月度快照"

    def add_arguments(self, parser):
        parser.add_argument("--month", help="月份，格式 YYYY-MM；默认本月")
        parser.add_argument("--months", type=int, default=1, help="连同之前若干个月一起计算（补算趋势）")

    def handle(self, *args, **options):
        from django.utils import timezone

        from gongkai.assessment.periods import month_shift, month_start
        from gongkai.assessment.services import snapshot_compute

        try:
            month = (dt.date.fromisoformat(options["month"] + "-01") if options["month"]
                     else month_start(timezone.localdate()))
        except ValueError:
            raise CommandError("月份格式应为 YYYY-MM。")
        if not 1 <= options["months"] <= 36:
            raise CommandError("--months 应为 1–36。")
        for back in range(options["months"] - 1, -1, -1):
            m = month_shift(month, -back)
            started = time.monotonic()
            n = snapshot_compute(month=m)
            self.stdout.write(f"{m:%Y-%m}：{n} 个快照，用时 {time.monotonic() - started:.1f} 秒")
