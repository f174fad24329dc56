"""`gongkai consultation period --type 规章 --start 2026-09-30 [--end 2026-10-30] --json`."""
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.consultations.periods import minimum_period, rule_for
from gongkai.core.errors import UserFacingError


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(_("%(what)s 不是有效日期（应为 YYYY-MM-DD）：%(text)s") % {"what": what, "text": text})


class Command(BaseCommand):
    help = "意见征集：按征求意见类型计算最短征集期（工作日历与民法典期间规则）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        period = sub.add_parser("period", help="最短征集期与某截止日是否合法")
        period.add_argument("--type", required=True, help="重大行政决策、规章、行政规范性文件、涉企规范性文件或本地规则")
        period.add_argument("--start", required=True, help="发布（开始征集）日期 YYYY-MM-DD")
        period.add_argument("--end", help="拟定截止日期 YYYY-MM-DD")
        period.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        start = _date(opts["start"], "--start")
        end = _date(opts["end"], "--end") if opts.get("end") else None
        if end is not None and end < start:
            raise CommandError(_("截止日期早于开始日期"))
        try:
            period = minimum_period(rule_for(opts["type"]), start)
        except UserFacingError as exc:
            raise CommandError(exc.message)
        result = {"min_end": period.min_end.isoformat(), "lawful": period.lawful(end)}
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        unit = "个工作日" if period.rule.unit == "workdays" else "日"
        line = _("%(type)s：不少于%(n)d%(unit)s（%(basis)s），%(start)s 发布，最早截止于 %(min_end)s") % {
            "type": period.rule.name, "n": period.rule.minimum, "unit": unit, "basis": period.rule.basis,
            "start": start.isoformat(), "min_end": result["min_end"]}
        if period.provisional:
            line += _("（所涉年度节假日安排尚未正式录入，结果暂定）")
        if end is not None:
            line += _("；截止 %(end)s %(verdict)s") % {"end": end.isoformat(),
                                                    "verdict": _("合法") if result["lawful"] else _("短于法定最短期限")}
        self.stdout.write(line)
