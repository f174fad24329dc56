"""`gongkai tasks import FILE --year 2019 [--agency SLUG] [--dry-run] [--json]`: the tasks a 工作要点 file
gives (.txt, .docx or .xlsx); without --dry-run they are saved as the agency's plan for the year (a
re-import updates the tasks it matches), with the unit aliases already known; unmatched names are
reported. `gongkai tasks export --agency SLUG --year Y OUT.xlsx` writes the plan back as a 任务分解表."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError
from gongkai.oversight.importing import plan_export_xlsx, plan_import_save, plan_preview, read_plan_file


def _agency(value):
    from gongkai.agencies.selectors import agency_by_code

    agency = agency_by_code(code=value) if value else None
    if agency is None:
        raise CommandError(_("找不到机关：%(a)s（请用 --agency 给出机关代码或统一社会信用代码）") % {"a": value or "—"})
    return agency


class Command(BaseCommand):
    help = "督办：从政务公开工作要点（任务分解表或正文）读取、保存或导出任务。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="读取（并保存）任务")
        imp.add_argument("file")
        imp.add_argument("--year", type=int, required=True)
        imp.add_argument("--agency", help="印发工作要点的机关（代码）；保存时必填")
        imp.add_argument("--dry-run", action="store_true")
        imp.add_argument("--json", action="store_true")
        exp = sub.add_parser("export", help="导出任务分解表（.xlsx）")
        exp.add_argument("out")
        exp.add_argument("--year", type=int, required=True)
        exp.add_argument("--agency", required=True)

    def handle(self, *args, **opts):
        if not 2000 <= opts["year"] <= 2100:
            raise CommandError(_("年度无效：%(y)s") % {"y": opts["year"]})
        if opts["action"] == "export":
            return self._export(opts)
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(_("找不到文件：%(p)s") % {"p": path})
        try:
            text = read_plan_file(name=path.name, data=path.read_bytes())
            if opts["dry_run"]:
                preview = plan_preview(text=text, year=opts["year"])
            else:
                agency = _agency(opts["agency"])
                result = plan_import_save(agency=agency, year=opts["year"], text=text, actor=None,
                                          source_name=path.name)
        except UserFacingError as exc:
            raise CommandError(exc.message)
        if not opts["dry_run"]:
            self.stdout.write(_("已保存：新增 %(c)d 项，更新 %(u)d 项，未变 %(n)d 项。")
                              % {"c": result.created, "u": result.updated, "n": result.unchanged})
            if result.unmatched:
                self.stdout.write(_("未匹配的责任单位（请在控制台映射）：%(n)s") % {"n": "、".join(result.unmatched)})
            return
        tasks = preview.tasks
        if opts["json"]:
            self.stdout.write(json.dumps([t.as_json() for t in tasks], ensure_ascii=False, indent=1))
        else:
            for t in tasks:
                self.stdout.write(f"{t.no}\t{t.due or t.deadline_raw or '—'}\t{t.lead or '—'}\t{t.content[:40]}")
            self.stdout.write(_("共 %(n)d 项任务") % {"n": len(tasks)})
            if preview.unmatched:
                self.stdout.write(_("未匹配的责任单位：%(n)s") % {"n": "、".join(preview.unmatched)})

    def _export(self, opts):
        from gongkai.oversight.models import WorkPlan

        plan = WorkPlan.objects.filter(agency=_agency(opts["agency"]), year=opts["year"]).first()
        if plan is None:
            raise CommandError(_("该机关%(y)d年度没有工作要点。") % {"y": opts["year"]})
        Path(opts["out"]).write_bytes(plan_export_xlsx(plan=plan))
        self.stdout.write(_("已导出 %(p)s") % {"p": opts["out"]})
