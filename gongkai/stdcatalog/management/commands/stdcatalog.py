"""`gongkai stdcatalog areas [--json]`: the shipped 26 领域 with their 事项 counts and sources.
`gongkai stdcatalog coverage --agency SLUG [--start D] [--end D] [--json]`: the coverage figures."""
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.agencies.models import Agency

from ...areas import areas, areas_summary
from ...indicators import stdcatalog_coverage


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from exc


class Command(BaseCommand):
    help = "基层政务公开标准目录：领域清单与公开情况"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        a = sub.add_parser("areas", help="26个试点领域及收录事项数")
        a.add_argument("--json", action="store_true")
        c = sub.add_parser("coverage", help="本级标准目录的公开情况")
        c.add_argument("--agency", help="机关代号（留空：全部）")
        c.add_argument("--start")
        c.add_argument("--end")
        c.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        if opts["what"] == "areas":
            if opts["json"]:
                self.stdout.write(json.dumps(areas_summary(), ensure_ascii=False, indent=1))
                return
            for a in areas():
                self.stdout.write(f"{a.order:2d} {a.name}\t{len(a.items)}项\t{a.completeness}\t{a.issuer}")
            return
        agency_ids = None
        if opts.get("agency"):
            agency = Agency.objects.filter(slug=opts["agency"]).first()
            if agency is None:
                raise CommandError(f"未找到机关：{opts['agency']}")
            agency_ids = [agency.pk]
        today = timezone.localdate()
        start = _date(opts["start"]) if opts.get("start") else today.replace(month=1, day=1)
        end = _date(opts["end"]) if opts.get("end") else today
        result = stdcatalog_coverage(agency_ids=agency_ids, start=start, end=end)
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"按时公开 {result['numerator']} / 应公开 {result['denominator']}")
        for what, finding in result["records"]:
            self.stdout.write(f"  {what}: {finding}")
