"""`gongkai gazette import FILE.csv --agency SLUG [--publish] [--dry-run]`: import back issues from a CSV
(see gazette/importing.py for the columns)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.core.errors import UserFacingError

from ...importing import issues_import_csv


class Command(BaseCommand):
    help = "政府公报：导入往期目录"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        imp = sub.add_parser("import", help="从CSV导入往期公报目录")
        imp.add_argument("file")
        imp.add_argument("--agency", required=True)
        imp.add_argument("--publish", action="store_true")
        imp.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **opts):
        agency = Agency.objects.filter(slug=opts["agency"]).first()
        if agency is None:
            raise CommandError(f"未找到机关：{opts['agency']}")
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        try:
            result = issues_import_csv(agency=agency, actor=None, data=path.read_bytes(), publish=opts["publish"],
                                       dry_run=opts["dry_run"])
        except UserFacingError as exc:
            raise CommandError(exc.message) from exc
        prefix = "（试运行，未写入）" if opts["dry_run"] else ""
        self.stdout.write(f"{prefix}导入 {result.issues} 期、{result.articles} 篇。")
