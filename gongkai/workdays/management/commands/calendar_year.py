"""`gongkai calendar_year 2027 --holiday 2027-02-06..2027-02-13:春节 --workday 2027-02-14:春节调休 --source ...`"""
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError
from gongkai.workdays.services import calendar_year_enter


class Command(BaseCommand):
    help = "录入某年的节假日安排（放假日与调休上班日），并标记为正式日历；所有未办结的依申请公开期限随之重算。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--holiday", action="append", default=[], metavar="DATE[..DATE][:名称]",
                            help="工作日放假（可重复）")
        parser.add_argument("--workday", action="append", default=[], metavar="DATE[:名称]",
                            help="周末调休上班（可重复）")
        parser.add_argument("--source", default="", help="依据，如 国办发明电〔2026〕X号")
        parser.add_argument("--provisional", action="store_true", help="只录入，不标记为正式日历")
        parser.add_argument("--replace", action="store_true", help="先删除该年已录入的日期")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        try:
            result = calendar_year_enter(year=opts["year"], holidays=opts["holiday"], workdays=opts["workday"],
                                         source=opts["source"], official=not opts["provisional"],
                                         replace=opts["replace"])
        except UserFacingError as exc:
            raise CommandError(exc.message)
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(_("%(year)d 年：放假 %(h)d 天，调休上班 %(w)d 天") % {
                "year": result["year"], "h": result["holidays"], "w": result["workdays"]}
                + (_("，已标记为正式日历。") if result["official"] else _("（暂定）。")))
