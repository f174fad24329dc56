"""`gongkai embed_passages [--batch N] [--limit N]`: compute the sentence vectors of passages that have
none yet, so the 问答 never embeds a candidate while a visitor waits (run after a bulk import or
nightly; a passage's vector is kept by the digest of its text, so re-running costs only new text)."""
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongkai.answers import semantic
from gongkai.answers.items import item_texts
from gongkai.answers.models import AnswerSource, TextVector
from gongkai.search.models import Passage


class Command(BaseCommand):
    help = _("为尚无向量的段落计算语义向量（智能问答用）。")

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=256)
        parser.add_argument("--limit", type=int, default=0, help=_("最多处理多少段（0 为全部）"))

    def handle(self, *args, batch, limit, **options):
        semantic.forget()
        began, done, seen = time.monotonic(), 0, 0
        last = 0
        while True:
            rows = list(Passage.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "heading", "text")[:batch])
            if not rows:
                break
            last = rows[-1][0]
            texts = [f"{h} {t}" if h else t for _pk, h, t in rows]
            have = set(TextVector.objects.filter(digest__in=[semantic.digest_of(t) for t in texts])
                       .values_list("digest", flat=True))
            todo = [t for t in texts if semantic.digest_of(t) not in have]
            if todo:
                semantic.vectors(todo)
                semantic.forget()
            done += len(todo)
            seen += len(rows)
            if limit and done >= limit:
                break
        # the items of the sources' enumerated articles, read one by one by the 问答 (items.py)
        items = [t for h, text in Passage.objects.filter(entry__document__in=AnswerSource.objects.values("document"))
                 .values_list("heading", "text") for t in item_texts(text, h)]
        have = set(TextVector.objects.filter(digest__in=[semantic.digest_of(t) for t in items])
                   .values_list("digest", flat=True))
        todo = [t for t in items if semantic.digest_of(t) not in have]
        if todo:
            semantic.vectors(todo)
            done += len(todo)
        self.stdout.write(_("已处理段落 %(seen)d 段，新计算向量 %(done)d 个，用时 %(s).1f 秒。")
                          % {"seen": seen, "done": done, "s": time.monotonic() - began})
