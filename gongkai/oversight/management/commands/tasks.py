"""`gongkai tasks import FILE --year 2019 --dry-run --json`: the tasks a 工作要点 file gives."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.oversight.taskparse import parse_tasks


class Command(BaseCommand):
    help = "督办：从政务公开工作要点（任务分解表或正文）读取任务。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="读取任务")
        imp.add_argument("file")
        imp.add_argument("--year", type=int, required=True)
        imp.add_argument("--dry-run", action="store_true")
        imp.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(_("找不到文件：%(p)s") % {"p": path})
        if not 2000 <= opts["year"] <= 2100:
            raise CommandError(_("年度无效：%(y)s") % {"y": opts["year"]})
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("gb18030")
            except UnicodeDecodeError:
                raise CommandError(_("无法识别文件编码（应为 UTF-8 或 GBK）：%(p)s") % {"p": path})
        tasks = parse_tasks(text, opts["year"])
        if not opts["dry_run"]:
            raise CommandError(_("保存任务尚未开放：请加 --dry-run 查看解析结果。"))
        if opts["json"]:
            self.stdout.write(json.dumps([t.as_json() for t in tasks], ensure_ascii=False, indent=1))
        else:
            for t in tasks:
                self.stdout.write(f"{t.no}\t{t.due or t.deadline_raw or '—'}\t{t.lead or '—'}\t{t.content[:40]}")
            self.stdout.write(_("共 %(n)d 项任务") % {"n": len(tasks)})
