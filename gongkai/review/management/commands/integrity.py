"""`gongkai integrity check [--json] [--url BASE]`: verify the audit chain, published documents and
their pages; exit status 1 when anything is wrong."""
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.review.models import IntegrityRun
from gongkai.review.services import integrity_run_create


class Command(BaseCommand):
    help = "完整性检查：审计链、已发布文件的哈希、公开页面（check）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="运行完整性检查")
        check.add_argument("--json", action="store_true", help="以 JSON 输出结果")
        check.add_argument("--url", default="", help="同时抓取在线门户（如 http://127.0.0.1:8000）的页面")

    def handle(self, *args, **options):
        if options["action"] != "check":
            raise CommandError(_("未知操作。"))
        url = options["url"].strip()
        if url and not url.startswith(("http://", "https://")):
            raise CommandError(_("--url 必须以 http:// 或 https:// 开头。"))
        run = integrity_run_create(source=IntegrityRun.Source.COMMAND, base_url=url)
        if options["json"]:
            self.stdout.write(json.dumps({
                "ok": run.ok, "run": run.pk, "audit_entries": run.audit_entries,
                "documents_checked": run.documents_checked, "pages_checked": run.pages_checked,
                "problems": run.problems}, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_("审计记录 %(a)d 条，已发布文件 %(d)d 件，页面 %(p)d 个。") % {
                "a": run.audit_entries, "d": run.documents_checked, "p": run.pages_checked})
            for problem in run.problems:
                where = _("[文件 %(id)s] ") % {"id": problem["document_id"]} if problem.get("document_id") else ""
                self.stdout.write(f"- {where}{problem['message']}")
            self.stdout.write(_("完整性检查通过。") if run.ok else _("发现 %(n)d 个问题。") % {"n": len(run.problems)})
        if not run.ok:
            sys.stdout.flush()
            sys.exit(1)
