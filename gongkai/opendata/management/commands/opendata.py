"""`gongkai opendata scan FILE [--json]`: the privacy scan of a CSV, XLSX, JSON or XML file (the columns it
flags, with the kinds the review names, the exact number of rows hit and one masked example).
`gongkai opendata add FILE --dataset ID [--name N] [--replace RESOURCE_ID] [--user NAME]`: store a file as a
resource (or a new version of one) from the server's disk — the way in for files larger than the web
upload limit (nginx takes 25 MB); the scan and the DataStore load then run as for an upload."""
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
        add = sub.add_parser("add", help="从服务器上的文件新增数据资源（或更新已有资源的版本），用于超过网页上传限制的大文件")
        add.add_argument("file")
        add.add_argument("--dataset", type=int, required=True, help="数据集编号")
        add.add_argument("--name", default="", help="资源名称（默认为文件名）")
        add.add_argument("--replace", type=int, help="要更新的资源编号")
        add.add_argument("--user", default="", help="操作人用户名（检查其编辑权限并记入审计；不填为系统）")

    def handle(self, *args, **opts):
        if opts["action"] == "analyse-pending":
            from gongkai.opendata.tasks import resources_pending_requeue_task

            # Queued with Celery; run at once in the embedded default (no scheduler runs the sweep there).
            self.stdout.write(_("待分析的资源：%(n)d") % {"n": resources_pending_requeue_task()})
            return
        if opts["action"] == "add":
            return self._add(opts)
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

    def _add(self, opts):
        from django.contrib.auth import get_user_model

        from gongkai.opendata.models import Dataset, Resource
        from gongkai.opendata.services import resource_add, resource_replace

        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(_("找不到文件：%(p)s") % {"p": path})
        dataset = Dataset.objects.filter(pk=opts["dataset"]).first()
        if dataset is None:
            raise CommandError(_("数据集 %(n)s 不存在。") % {"n": opts["dataset"]})
        actor = None
        if opts["user"]:
            actor = get_user_model().objects.filter(username=opts["user"], is_active=True).first()
            if actor is None:
                raise CommandError(_("用户 %(u)s 不存在或已停用。") % {"u": opts["user"]})
        try:
            with path.open("rb") as handle:
                if opts["replace"]:
                    old = Resource.objects.filter(pk=opts["replace"], dataset=dataset).first()
                    if old is None:
                        raise CommandError(_("资源 %(n)s 不属于该数据集。") % {"n": opts["replace"]})
                    r = resource_replace(resource=old, actor=actor, filename=path.name, source=handle)
                else:
                    r = resource_add(dataset=dataset, actor=actor, name=opts["name"] or path.stem, filename=path.name,
                                     source=handle)
        except UserFacingError as exc:
            raise CommandError(exc.message)
        state = r.load_error or (_("已载入 %(n)d 行，个人信息扫描：%(s)s") % {"n": r.row_count, "s": r.get_scan_status_display()}
                                 if r.datastore_table else _("已保存，等待分析") if r.tabular and not r.table_note
                                 else _("已保存"))
        self.stdout.write(_("资源 %(id)d（第 %(v)d 版，%(size)d 字节，SHA-256 %(sha)s）：%(state)s")
                          % {"id": r.pk, "v": r.version, "size": r.size, "sha": r.sha256, "state": state})
