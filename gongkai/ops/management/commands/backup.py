"""gongkai backup [--output DIR]: database dump + media + SHA-256 manifest."""
from pathlib import Path

from django.core.management.base import BaseCommand

from gongkai.ops.backups import backup_create, default_backup_dir


class Command(BaseCommand):
    help = "备份数据库与附件（含 SHA-256 校验清单）"

    def add_arguments(self, parser):
        parser.add_argument("--output", help="备份目录（默认 var/backups/<时间>，或 BACKUP_DIR/<时间>）")

    def handle(self, *args, **options):
        output = Path(options["output"]) if options["output"] else default_backup_dir()
        manifest = backup_create(output=output)
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(
            f"备份完成：{output}（{rows} 行数据，{len(manifest['media_files'])} 个附件）"))
