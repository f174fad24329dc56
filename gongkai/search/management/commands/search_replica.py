"""gongkai search_replica: keep this host's search index (SEARCH_INDEX_DIR) applying the change log
continuously. Optional: every process already applies the log after its own commits and on the
next search; a host that wants the index current between searches runs this."""
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from gongkai.search.index import index_change_prune, index_sync


class Command(BaseCommand):
    help = "持续同步本机的检索索引（SEARCH_INDEX_DIR）与数据库的索引变更记录。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="同步一次后退出（默认持续运行）")
        parser.add_argument("--interval", type=float, default=1.0, help="检查变更的间隔（秒）")
        parser.add_argument("--no-progress", action="store_true", help="（保留参数，兼容旧的部署脚本）")

    def handle(self, *args, once, interval, **options):
        if once:
            result = index_sync(timeout=60) or {"built": 0, "applied": 0}
            self.stdout.write(self.style.SUCCESS(
                f"检索索引已同步：新建 {result['built']} 条，更新 {result['applied']} 条。"))
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_a: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_a: stopping.append(True))
        self.stdout.write(f"检索索引：{settings.SEARCH_INDEX_DIR}，每 {interval:g} 秒同步一次。")
        last_prune = 0.0
        while not stopping:
            try:
                index_sync(timeout=interval)
                if time.monotonic() - last_prune > 3600:
                    index_change_prune()
                    last_prune = time.monotonic()
            except Exception as exc:  # the database restarting, say: try again at the next tick
                self.stderr.write(f"同步失败：{exc}")
                close_old_connections()
            time.sleep(interval)
