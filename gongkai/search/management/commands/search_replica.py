"""gongkai search_replica: keep this host's search replica (SEARCH_REPLICA_DIR) in step with the index."""
import signal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gongkai.search.replica import Follower, replica_follow


class Command(BaseCommand):
    help = "维护本机的检索副本（SEARCH_REPLICA_DIR）：首次运行时建立，之后持续同步索引变更。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="同步一次后退出（默认持续运行）")
        parser.add_argument("--rebuild", action="store_true", help="从目录数据重新建立副本")
        parser.add_argument("--interval", type=float, default=1.0, help="检查变更的间隔（秒）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, once, rebuild, interval, no_progress, **options):
        path = settings.SEARCH_REPLICA_DIR
        if not path:
            raise CommandError("未设置 SEARCH_REPLICA_DIR：检索由数据库直接响应，无需副本。")
        bar = tqdm(unit="篇", desc="建立检索副本", disable=no_progress, file=self.stderr)
        if once or rebuild:
            follower = Follower(path)
            try:
                if rebuild:
                    done = follower.build(progress=bar.update)
                    self.stdout.write(self.style.SUCCESS(f"检索副本已重建：{done} 篇。"))
                result = follower.sync(progress=bar.update)
            finally:
                follower.close()
                bar.close()
            self.stdout.write(self.style.SUCCESS(
                f"检索副本已同步：新建 {result['built']} 篇，更新 {result['applied']} 篇。"))
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_a: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_a: stopping.append(True))
        self.stdout.write(f"检索副本：{path}，每 {interval:g} 秒同步一次。")
        replica_follow(path=path, interval=interval, stop=lambda: bool(stopping), progress=bar.update)
