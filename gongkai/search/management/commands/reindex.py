"""gongkai reindex: rebuild the search index from the catalog, with a progress bar."""
from django.core.management.base import BaseCommand
from tqdm import tqdm

from gongkai.catalog.models import Disclosure, Document, Status
from gongkai.search.services import index_rebuild


class Command(BaseCommand):
    help = "从数据库重建全文检索索引（与 gongkai search rebuild 相同；发布、撤回和修改会自动更新索引，修改扩展词后需重建）。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, batch_size, no_progress, **options):
        total = Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE).count()
        with tqdm(total=total, unit="篇", desc="重建索引", disable=no_progress, file=self.stderr) as bar:
            done = index_rebuild(batch_size=batch_size, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"已索引 {done} 篇文件。"))
