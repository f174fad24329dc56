"""`gongkai opendata scan FILE [--json]`: the privacy scan of a CSV, XLSX, JSON or XML file (the columns it
flags, with the kinds the review names, the exact number of rows hit and one masked example)."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError
from gongkai.opendata.records import NotTabular
from gongkai.opendata.scan import scan_file, scan_tree
from gongkai.opendata.models import TABULAR_FORMATS
from gongkai.opendata.tabular import detect_encoding


class Command(BaseCommand):
    help = "数据开放：对 CSV、XLSX、JSON 或 XML 文件逐列进行个人信息扫描。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        scan = sub.add_parser("scan", help="个人信息扫描")
        scan.add_argument("file")
        scan.add_argument("--json", action="store_true")
        sub.add_parser("analyse-pending", help="分析尚未扫描和载入的资源（如升级后已有的 JSON/XML 资源）")

    def handle(self, *args, **opts):
        if opts["action"] == "analyse-pending":
            from gongkai.opendata.tasks import resources_pending_requeue_task

            # Queued with Celery; run at once in the embedded default (no scheduler runs the sweep there).
            self.stdout.write(_("待分析的资源：%(n)d") % {"n": resources_pending_requeue_task()})
            return
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(_("找不到文件：%(p)s") % {"p": path})
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in TABULAR_FORMATS:
            raise CommandError(_("只能扫描 CSV、XLSX、JSON 或 XML 文件。"))
        try:
            try:
                flagged = scan_file(path, fmt)
            except NotTabular as exc:  # JSON/XML that is no table: every value under its key's path
                self.stderr.write(exc.message)
                flagged = scan_tree(path, fmt, encoding=detect_encoding(path))
        except UserFacingError as exc:
            raise CommandError(exc.message)
        if opts["json"]:
            self.stdout.write(json.dumps(flagged, ensure_ascii=False))
            return
        for f in flagged:
            self.stdout.write(f"{f['column']}\t{'、'.join(f['kinds'])}\t{f['rows_hit']}\t{f['sample_masked']}")
        self.stdout.write(_("发现个人信息的列：%(n)d") % {"n": len(flagged)})
