"""gongkai restore DIR: verify the manifest, migrate, load the dump into an empty database, unpack media."""
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import UserFacingError
from gongkai.ops.backups import backup_restore, backup_verify


class Command(BaseCommand):
    help = "从备份目录恢复数据库与附件（只恢复到空库）"

    def add_arguments(self, parser):
        parser.add_argument("source", help="gongkai backup 生成的目录")
        parser.add_argument("--verify-only", action="store_true", help="只校验备份文件，不写入")

    def handle(self, *args, **options):
        source = Path(options["source"])
        try:
            if options["verify_only"]:
                backup_verify(source=source)
                self.stdout.write(self.style.SUCCESS("备份校验通过。"))
                return
            call_command("migrate", interactive=False, verbosity=0)
            result = backup_restore(source=source)
        except UserFacingError as exc:
            raise CommandError(exc.message) from exc
        if result["missing"]:
            raise CommandError(f"恢复后以下数据行数少于备份：{result['missing']}")
        if result["audit_problems"]:
            raise CommandError(f"恢复后审计链校验失败：{result['audit_problems'][:3]}")
        self.stdout.write(self.style.SUCCESS(
            f"恢复完成：{sum(result['counts'].values())} 行数据，审计链校验通过。"))
