"""`gongkai stdcatalog areas [--json]`: the shipped 26 领域 with their 事项 counts and sources.
`gongkai stdcatalog coverage --agency SLUG [--start D] [--end D] [--json]`: the coverage figures.
`gongkai stdcatalog import FILE --agency SLUG [--area SLUG] [--user NAME]`: add the 事项 of a 标准目录 table
(XLSX, DOCX, CSV) to the agency's draft 本级标准目录 (created when it has none)."""
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
        i = sub.add_parser("import", help="从表格（XLSX、DOCX、CSV）导入本级标准目录事项")
        i.add_argument("file")
        i.add_argument("--agency", required=True, help="机关代号")
        i.add_argument("--area", default="", help="领域代号（留空：按工作表名称或“××领域”标题判断）")
        i.add_argument("--user", default="", help="操作人用户名（检查其编辑权限并记入审计；不填为系统）")
        i.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        if opts["what"] == "areas":
            if opts["json"]:
                self.stdout.write(json.dumps(areas_summary(), ensure_ascii=False, indent=1))
                return
            for a in areas():
                self.stdout.write(f"{a.order:2d} {a.name}\t{len(a.items)}项\t{a.completeness}\t{a.issuer}")
            return
        if opts["what"] == "import":
            return self._import(opts)
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

    def _import(self, opts):
        from pathlib import Path

        from django.contrib.auth import get_user_model

        from gongkai.core.errors import UserFacingError

        from ...models import LocalCatalog
        from ...services import entries_import, local_catalog_create

        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        agency = Agency.objects.filter(slug=opts["agency"]).first()
        if agency is None:
            raise CommandError(f"未找到机关：{opts['agency']}")
        actor = None
        if opts["user"]:
            actor = get_user_model().objects.filter(username=opts["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"用户 {opts['user']} 不存在或已停用。")
        try:
            catalog = LocalCatalog.objects.filter(agency=agency).first() or local_catalog_create(agency=agency,
                                                                                               actor=actor)
            result = entries_import(catalog=catalog, actor=actor, name=path.name, data=path.read_bytes(),
                                    area_slug=opts["area"])
        except UserFacingError as exc:
            raise CommandError(exc.message) from exc
        if opts["json"]:
            self.stdout.write(json.dumps({"catalog": catalog.pk, **result}, ensure_ascii=False))
            return
        self.stdout.write(f"{catalog.title}：导入 {result['created']} 项（{'、'.join(result['areas']) or '—'}），"
                          f"跳过已有的 {result['skipped']} 项。")
