"""`gongkai report check FILE [--previous FILE] [--json]` and `gongkai report generate`."""
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError


class Command(BaseCommand):
    help = "检查已发布的政府信息公开工作年度报告，或从数据生成年度报告。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="检查年报文件（.html、.txt、.docx）")
        check.add_argument("file")
        check.add_argument("--previous", help="上年度报告文件，用于核对结转数")
        check.add_argument("--json", action="store_true", help="以 JSON 输出")
        check.add_argument("--full", action="store_true", help="JSON 中同时输出表二、表四")
        gen = sub.add_parser("generate", help="从数据生成某机关某年度的报告草稿")
        gen.add_argument("--agency", required=True, help="机关代号、统一社会信用代码或组织机构代码")
        gen.add_argument("--year", type=int, required=True)
        gen.add_argument("--include-departments", action="store_true")
        gen.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        try:
            if opts["action"] == "check":
                return self._check(opts)
            return self._generate(opts)
        except UserFacingError as e:
            raise CommandError(e.message)

    def _read(self, path):
        p = Path(path)
        if not p.is_file():
            raise CommandError(_("找不到文件：%(path)s") % {"path": path})
        return p.name, p.read_bytes()

    def _check(self, opts):
        from gongkai.reports.verdict import check_result
        from gongkai.reports.parser import report_parse

        name, data = self._read(opts["file"])
        parsed = report_parse(name=name, data=data)
        previous = None
        if opts.get("previous"):
            pname, pdata = self._read(opts["previous"])
            previous = report_parse(name=pname, data=pdata)
        result = check_result(data=parsed, previous=previous)
        if opts["json"]:
            if opts.get("full"):
                result = dict(result, table_a=parsed.table_a, table_c=parsed.table_c)
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(_("%(name)s：%(year)s年度，%(fmt)s格式，%(ok)s") % {
                "name": name, "year": result["year"] or _("不详"), "fmt": result["format"],
                "ok": _("通过") if result["ok"] else _("未通过")})
            verdict = result["verdict"]
            self.stdout.write(_("  勾稽关系：%(label)s。%(reason)s") % verdict)
            severity = {"error": _("错误"), "warning": _("提示"), "info": _("说明")}
            for f in result["findings"]:
                self.stdout.write(f"  [{severity.get(f['severity'], f['severity'])}] {f['label']}：{f['message']}")
        if not result["ok"] and not opts["json"]:
            sys.exit(1)  # the JSON document already says "ok": false

    def _generate(self, opts):
        from gongkai.agencies.selectors import agency_by_code
        from gongkai.reports.services import report_findings, report_generate

        agency = agency_by_code(code=opts["agency"])
        if agency is None:
            raise CommandError(_("找不到机关：%(code)s") % {"code": opts["agency"]})
        report = report_generate(agency=agency, year=opts["year"], actor=None,
                                 include_departments=opts["include_departments"])
        findings = [f.to_dict() for f in report_findings(report=report)]
        if opts["json"]:
            self.stdout.write(json.dumps({"report": report.pk, "data": report.data, "findings": findings},
                                         ensure_ascii=False, indent=1))
        else:
            self.stdout.write(_("%(title)s：已生成（#%(pk)s），%(n)s条检查提示。")
                              % {"title": report.title, "pk": report.pk, "n": len(findings)})
