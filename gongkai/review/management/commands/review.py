"""`gongkai review scan PATH... [--json]`: review files (.txt, .html, .docx) and print findings.

With --json, one JSON object per file and line:
{"path", "verdict", "pii": [{"kind","start","end","text",...}], "spam": {"is_spam","score","passages"},
 "secrecy": [...]} — spans refer to the file's decoded text.
"""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError
from gongkai.review.labels import KIND_LABELS
from gongkai.review.services import review_text, text_for_scan


class Command(BaseCommand):
    help = "公开前审查：扫描文件中的个人信息、密级标志和植入的垃圾信息（scan）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        scan = sub.add_parser("scan", help="扫描文件")
        scan.add_argument("paths", nargs="+", metavar="PATH")
        scan.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")

    def handle(self, *args, **options):
        if options["action"] != "scan":
            raise CommandError(_("未知操作。"))
        failed = 0
        for raw in options["paths"]:
            path = Path(raw)
            try:
                if not path.is_file():
                    raise UserFacingError(_("找不到文件：%(path)s") % {"path": raw})
                text, html = text_for_scan(name=path.name, data=path.read_bytes())
            except UserFacingError as exc:
                failed += 1
                if options["json"]:
                    self.stdout.write(json.dumps({"path": raw, "error": exc.message}, ensure_ascii=False))
                else:
                    self.stderr.write(f"{raw}: {exc.message}")
                continue
            report = review_text(text=text, html=html, context=path.stem)
            if options["json"]:
                self.stdout.write(json.dumps({"path": raw, **report.to_dict()}, ensure_ascii=False))
                continue
            self.stdout.write(f"{raw}: {report.verdict}")
            for f in report.secrecy:
                self.stdout.write(f"  [{KIND_LABELS['secrecy']}] {f.start}-{f.end} {f.text}")
            for p in report.spam.passages:
                self.stdout.write(f"  [{KIND_LABELS['spam']} {p.score}] {p.start}-{p.end} {p.text[:80]}")
            for f in report.pii:
                note = "" if f.personal else _("（公开信息）")
                self.stdout.write(f"  [{KIND_LABELS[f.kind]}] {f.start}-{f.end} {f.text}{note}")
        if failed:
            raise CommandError(_("%(n)d 个文件无法扫描。") % {"n": failed})
