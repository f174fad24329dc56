"""`gongkai ask QUESTION [--json]`: what the 智能问答 page shows for QUESTION."""
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.answers.selectors import answer_question


class Command(BaseCommand):
    help = _("回答一个关于政府信息公开的问题（与智能问答页面相同）。")

    def add_arguments(self, parser):
        parser.add_argument("question", nargs="+", help=_("问题"))
        parser.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
        parser.add_argument("--limit", type=int, default=5, help=_("最多几条答案（默认 5）"))

    def handle(self, *args, question, json: bool, limit: int, **options):
        text = " ".join(question).strip()
        if not text:
            raise CommandError(_("请输入问题。"))
        result = answer_question(question=text, limit=max(1, min(limit, 20)))
        if json:
            self.stdout.write(_dumps(result.to_dict()))
            return
        if not result.answers:
            self.stdout.write(result.fallback["message"])
            for link in result.fallback["links"]:
                self.stdout.write(f"  {link['title']}：{link['url']}")
            return
        for i, a in enumerate(result.answers, start=1):
            where = " ".join(x for x in (a.source_title, a.article, a.validity and f"（{a.validity}）") if x)
            self.stdout.write(f"{i}. {where}  [{a.score:.3f}]")
            self.stdout.write(f"   {a.text}")
            if a.source_url:
                self.stdout.write(f"   {a.source_url}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
