"""gongkai search QUERY [--json] [--kind KIND]: the public search from the command line, on DATABASE_URL
(documents and every registered kind; `--kind` keeps one: document, dataset, gazette, profile, …).
`gongkai search rebuild` rebuilds the index from the database (= `gongkai reindex`)."""
import json

from django.core.management.base import BaseCommand

from gongkai.search.selectors import search_documents


class Command(BaseCommand):
    help = "在当前数据库（DATABASE_URL）中检索公开文件，打印排名靠前的结果。"

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="+", help="检索词，可用引号短语和 -排除词；rebuild 表示从数据库重建索引")
        parser.add_argument("--json", action="store_true",
                            help="以 JSON 输出 [{kind,kind_label,title,url,index_no,doc_no,score}]")
        parser.add_argument("--kind", default="", help="只检索一类：document（政府信息）、dataset、gazette、profile 等")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--sort", choices=["relevance", "date"], default="relevance")

    def handle(self, *args, query, json: bool, limit, sort, kind="", **options):
        if query == ["rebuild"]:  # to search for the word itself, quote it: '"rebuild"'
            from django.core.management import call_command

            call_command("reindex", stdout=self.stdout, stderr=self.stderr)
            return
        result = search_documents(query=" ".join(query), sort=sort, per_page=max(1, min(limit, 100)),
                                  filters={"kind": kind} if kind else None)
        hits = [{"kind": h.kind, "kind_label": h.kind_label, "title": h.title, "url": h.url,
                 "index_no": h.document.index_no if h.document else None,
                 "doc_no": h.document.doc_no if h.document else "", "score": round(h.score, 4)} for h in result.hits]
        if json:
            self.stdout.write(_dumps(hits))
            return
        self.stdout.write(f"共 {result.total} 条，用时 {result.elapsed_ms:.1f} 毫秒")
        for i, hit in enumerate(hits, 1):
            self.stdout.write(f"{i:>3}. [{hit['kind_label']}] {hit['title']}  {hit['doc_no']}  {hit['index_no'] or hit['url']}"
                              f"  {hit['score']}")


def _dumps(value):
    return json.dumps(value, ensure_ascii=False)
