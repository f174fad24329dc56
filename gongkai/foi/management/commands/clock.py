"""`gongkai clock`: run the case clock on a hypothetical case."""
import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.foi.clock import ClockError, ClockEvent, clock_compute

EVENT_KINDS = ("correction_requested", "correction_received", "extended", "consultation_started",
               "consultation_ended", "fee_notified", "fee_paid")


def _date(text, what):
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{what} 不是有效日期（应为 YYYY-MM-DD）：{text}")


def parse_event(text: str) -> ClockEvent:
    """Parse KIND:YYYY-MM-DD[:N] (N: extension or correction period in working days)."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or parts[0] not in EVENT_KINDS:
        raise CommandError(f"事项格式应为 KIND:YYYY-MM-DD[:N]，KIND 为 {', '.join(EVENT_KINDS)}：{text}")
    data = {}
    if len(parts) == 3:
        try:
            n = int(parts[2])
        except ValueError:
            raise CommandError(f"工作日数应为整数：{text}")
        if parts[0] == "extended":
            data["workdays"] = n
        elif parts[0] == "correction_requested":
            data["days"] = n
        else:
            raise CommandError(f"只有 extended 与 correction_requested 可带工作日数：{text}")
    return ClockEvent(parts[0], _date(parts[1], text), data)


class Command(BaseCommand):
    help = "计算一件假设申请的答复期限（与案件使用同一套规则）。"
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--received", required=True, help="收到申请日期 YYYY-MM-DD")
        parser.add_argument("--event", action="append", default=[], metavar="KIND:DATE[:N]",
                            help="事项，可重复：correction_requested, correction_received, "
                                 "extended（extended:DATE:N，默认20）, consultation_started, consultation_ended")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--explain", action="store_true", help="同时列出计算过程")

    def handle(self, *args, **opts):
        received = _date(opts["received"], "--received")
        events = [parse_event(e) for e in opts["event"]]
        try:
            result = clock_compute(received=received, events=events,
                                   fee_pauses=settings.GONGKAI.get("FEE_WINDOW_PAUSES_CLOCK", True))
        except ClockError as exc:
            raise CommandError(str(exc))
        out = {
            "due": result.due.isoformat() if result.due else None,
            "correction_notice_due": result.correction_notice_due.isoformat(),
            "paused_workdays": result.paused_workdays,
            "provisional": result.provisional,
        }
        if opts["explain"]:
            out["steps"] = result.steps
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(f"答复期限：{out['due'] or '（待补正，期限停止计算）'}"
                          + ("（暂定）" if out["provisional"] else ""))
        self.stdout.write(f"补正告知期限：{out['correction_notice_due']}")
        self.stdout.write(f"不计入期限的工作日：{out['paused_workdays']}")
        for step in result.steps if opts["explain"] else ():
            self.stdout.write(f"  {step['date']}  {step['text']}")
