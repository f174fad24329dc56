"""`gongkai clock`: run the case clock on a hypothetical case."""
import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.foi.clock import ClockError, ClockEvent, clock_compute

EVENT_KINDS = ("correction_requested", "correction_received", "extended", "consultation_started",
               "consultation_ended", "fee_notified", "fee_paid")


def _date(text, what):
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(_("%(what)s 不是有效日期（应为 YYYY-MM-DD）：%(text)s") % {"what": what, "text": text})


def parse_event(text: str) -> ClockEvent:
    """Parse KIND:YYYY-MM-DD[:N] (N: extension or correction period in working days)."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or parts[0] not in EVENT_KINDS:
        raise CommandError(_("事项格式应为 KIND:YYYY-MM-DD[:N]，KIND 为 %(kinds)s：%(text)s")
                           % {"kinds": ", ".join(EVENT_KINDS), "text": text})
    data = {}
    if len(parts) == 3:
        try:
            n = int(parts[2])
        except ValueError:
            raise CommandError(_("工作日数应为整数：%(text)s") % {"text": text})
        if parts[0] == "extended":
            data["workdays"] = n
        elif parts[0] == "correction_requested":
            data["days"] = n
        else:
            raise CommandError(_("只有 extended 与 correction_requested 可带工作日数：%(text)s") % {"text": text})
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
        self.stdout.write(_("答复期限：%(due)s") % {"due": out["due"] or _("（待补正，期限停止计算）")}
                          + (_("（暂定）") if out["provisional"] else ""))
        self.stdout.write(_("补正告知期限：%(d)s") % {"d": out["correction_notice_due"]})
        self.stdout.write(_("不计入期限的工作日：%(n)s") % {"n": out["paused_workdays"]})
        for step in result.steps if opts["explain"] else ():
            self.stdout.write(f"  {step['date']}  {step['text']}")
