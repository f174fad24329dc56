"""`gongkai integrity check [--json] [--url BASE]`: verify the audit chain, published documents and
their pages; exit status 1 when anything is wrong.
`gongkai integrity checkpoint`: write today's checkpoint outside the database.
`gongkai integrity verify --checkpoint FILE (--proof FILE | --url BASE) --document ID`: prove, with a
checkpoint kept from earlier, that the document's published revision is unchanged since.
`gongkai integrity rekey`: append the audit chain's key mark now (done by the first write otherwise)."""
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.review.models import IntegrityRun
from gongkai.review.services import integrity_run_create


class Command(BaseCommand):
    help = "完整性检查：审计链、已发布文件的哈希、公开页面（check）；检查点（checkpoint）；验证（verify）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="运行完整性检查")
        check.add_argument("--json", action="store_true", help="以 JSON 输出结果")
        check.add_argument("--url", default="", help="同时抓取在线门户（如 http://127.0.0.1:8000）的页面")
        sub.add_parser("checkpoint", help="写出今天的检查点（审计链末端、条数、已发布版本的默克尔根）")
        verify = sub.add_parser("verify", help="用早先保存的检查点验证一份文件的已发布版本未被改动")
        verify.add_argument("--checkpoint", required=True, help="早先保存的检查点 JSON 文件")
        verify.add_argument("--document", type=int, required=True, help="文件编号")
        verify.add_argument("--proof", default="", help="门户提供的证明 JSON 文件（不填则用 --url 或本地数据库）")
        verify.add_argument("--url", default="", help="门户地址：取证明，并核对该文件页面与已证明的版本一致")
        sub.add_parser("rekey", help="为审计链加上密钥标记（升级后首次写入也会自动加上）")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "checkpoint":
            return self._checkpoint()
        if action == "verify":
            return self._verify(options)
        if action == "rekey":
            from gongkai.audit.services import audit_rekey

            mark = audit_rekey()
            self.stdout.write(_("已加上密钥标记（审计记录 #%(id)s）。") % {"id": mark.pk} if mark
                              else _("审计链已有密钥标记，无需操作。"))
            return
        if action != "check":
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

    def _checkpoint(self):
        from gongkai.review.checkpoints import CheckpointRefused, checkpoint_write

        try:
            checkpoint, path = checkpoint_write()
        except CheckpointRefused as exc:
            for problem in exc.problems:
                self.stderr.write(f"- {problem['message']}")
            raise CommandError(_("数据库与上一个检查点不符或审计链有误，未写出新的检查点。"))
        self.stdout.write(_("检查点已写出：%(path)s（审计记录 %(a)d 条，已发布版本 %(r)d 个，默克尔根 %(root)s）") % {
            "path": path, "a": checkpoint["audit"]["count"], "r": checkpoint["revisions"]["count"],
            "root": checkpoint["revisions"]["merkle_root"]})

    def _verify(self, options):
        from gongkai.review.checkpoints import checkpoint_read, proof_verify, revision_proof
        from gongkai.review.integrity import page_matches, proof_fetch

        try:
            held = checkpoint_read(options["checkpoint"])
        except (OSError, ValueError) as exc:
            raise CommandError(_("无法读取检查点文件：%(e)s") % {"e": exc})
        url = options["url"].strip()
        if options["proof"]:
            try:
                proof = checkpoint_read(options["proof"])
            except (OSError, ValueError) as exc:
                raise CommandError(_("无法读取证明文件：%(e)s") % {"e": exc})
        elif url:
            proof = proof_fetch(base_url=url, document_id=options["document"], date=held.get("date", ""))
        else:
            proof = revision_proof(document_id=options["document"], checkpoint=held)
        if not proof or proof.get("document_id") != options["document"]:
            raise CommandError(_("检查点中没有该文件的已发布版本。"))
        errors = proof_verify(proof=proof, checkpoint=held)
        if url and not errors:
            errors += page_matches(base_url=url, proof=proof)
        number = proof["revision"]["number"]
        if errors:
            for error in errors:
                self.stdout.write(f"- {error}")
            self.stdout.write(_("验证未通过：文件 %(id)s 第 %(n)s 版与 %(date)s 的检查点不符。")
                              % {"id": options["document"], "n": number, "date": held.get("date")})
            sys.stdout.flush()
            sys.exit(1)
        self.stdout.write(_("验证通过：文件 %(id)s 第 %(n)s 版（SHA-256 %(sha)s）自 %(date)s 的检查点以来未被改动。")
                          % {"id": options["document"], "n": number, "sha": proof["revision"]["sha256"],
                             "date": held.get("date")})
        if proof.get("current_revision") and proof["current_revision"] != number:
            self.stdout.write(_("注意：该文件此后经发布流程发布了第 %(n)s 版。") % {"n": proof["current_revision"]})
