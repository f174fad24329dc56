"""`gongkai import PATH... [--dry-run] [--json] [--agency CODE] [--publish]`."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import agency_by_code
from gongkai.catalog.importing.readers import SUPPORTED_SUFFIXES
from gongkai.catalog.importing.services import ImportResult, document_import


def _files(paths):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            yield path


def _import_path(path: Path, **kwargs) -> ImportResult:
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        return ImportResult(name=name, ok=False, error=_("找不到文件或无法读取。"))
    if size > settings.MAX_UPLOAD_BYTES:
        return ImportResult(name=name, ok=False,
                            error=_("文件过大（%(size).1f MB），超过上限 %(limit).1f MB。")
                            % {"size": size / 1048576, "limit": settings.MAX_UPLOAD_BYTES / 1048576})
    try:
        data = path.read_bytes()
    except OSError:
        return ImportResult(name=name, ok=False, error=_("找不到文件或无法读取。"))
    return document_import(name=name, data=data, **kwargs)


class Command(BaseCommand):
    help = _("导入 .txt、.html、.docx 文件为公开目录文件（每个文件一篇）。")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help=_("文件或目录"))
        parser.add_argument("--dry-run", action="store_true", help=_("只显示识别结果，不保存"))
        parser.add_argument("--json", action="store_true", help=_("每个文件输出一行 JSON"))
        parser.add_argument("--agency", metavar="CODE",
                            help=_("归入的机关（代号、统一社会信用代码或组织机构代码）"))
        parser.add_argument("--publish", action="store_true", help=_("导入后立即发布"))

    def handle(self, *args, paths, dry_run, json, agency, publish, **options):
        as_json = json
        target = None
        if agency:
            target = agency_by_code(code=agency)
            if target is None:
                raise CommandError(_("找不到代号为“%(code)s”的机关。") % {"code": agency})
        bad, duplicates, saved = [], 0, 0
        for path in _files(paths):
            result = _import_path(path, agency=target, actor=None, publish=publish, dry_run=dry_run)
            if result.duplicate:
                duplicates += 1
            elif not result.ok:
                bad.append(result)
            else:
                saved += 1
            self._report(result, path=path, dry_run=dry_run, as_json=as_json)
        if not as_json:
            self.stdout.write(_("共处理 %(total)d 个文件：%(verb)s %(saved)d 个，重复 %(dup)d 个，失败 %(bad)d 个。")
                              % {"total": saved + duplicates + len(bad),
                                 "verb": _("识别") if dry_run else _("导入"), "saved": saved,
                                 "dup": duplicates, "bad": len(bad)})
        if bad:
            raise CommandError(_("有 %(n)d 个文件未能导入：%(names)s")
                               % {"n": len(bad), "names": "、".join(r.name for r in bad)}, returncode=1)

    def _fields(self, extracted):
        for key, value in extracted.items():
            self.stdout.write(f"    {key}: {value if value is not None else '—'}")

    def _report(self, result, *, path, dry_run, as_json):
        import json as jsonlib

        if as_json:
            if dry_run and result.extracted:  # every field found, also when the file is refused
                out = dict(result.extracted, **({"error": result.error} if not result.ok else {}))
                self.stdout.write(jsonlib.dumps(out, ensure_ascii=False))
                if not result.ok:
                    self.stderr.write(f"{path}: {result.error}")
            elif dry_run:
                self.stderr.write(f"{path}: {result.error}")
            else:
                doc = result.document
                self.stdout.write(jsonlib.dumps({
                    "file": str(path), "ok": result.ok, "duplicate": result.duplicate,
                    "error": result.error or None, "warning": result.warning or None,
                    "id": doc.pk if doc else None, "status": doc.status if doc else None,
                    "index_no": doc.index_no if doc else None,
                    "agency": doc.agency.slug if doc else None, "extracted": result.extracted or None,
                }, ensure_ascii=False))
            return
        if not result.ok and not result.duplicate:
            self.stderr.write(_("✗ %(file)s：%(error)s") % {"file": path, "error": result.error})
            if dry_run and result.extracted:
                self._fields(result.extracted)
        elif result.duplicate:
            self.stdout.write(_("= %(file)s：%(error)s") % {"file": path, "error": result.error})
        elif dry_run:
            self.stdout.write(_("✓ %(file)s：《%(title)s》") % {"file": path, "title": result.extracted["title"] or _("（未识别标题）")})
            self._fields(result.extracted)
        else:
            doc = result.document
            self.stdout.write(_("✓ %(file)s → 《%(title)s》（%(agency)s，%(status)s%(no)s）")
                              % {"file": path, "title": doc.title, "agency": doc.agency.name,
                                 "status": doc.get_status_display(),
                                 "no": "，" + doc.index_no if doc.index_no else ""})
            if result.warning:
                self.stdout.write("    " + result.warning)
