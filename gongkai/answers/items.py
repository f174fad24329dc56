"""An enumerated article read item by item: “第三十六条 对政府信息公开申请，行政机关根据下列情况分别
作出答复：(一)…(七)…” answers seven different questions, one per item, and the model reads only the
start of a passage (semantic.MAX_CHARS), so an item late in a long list is never seen. Each item is
read with the article's lead (what the list is about) as a text of its own; a passage's similarity
to the question is the best of its whole text and its items."""
import re

ITEM_RE = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]")
MIN_ITEMS = 2


def item_texts(text: str, heading: str = "") -> list[str]:
    """The items of an enumerated passage, each with the passage's heading and lead ([] when the
    passage holds fewer than MIN_ITEMS items)."""
    lead, items = [], []
    for line in (text or "").splitlines():
        if ITEM_RE.match(line):
            items.append(line.strip())
        elif items:
            items[-1] += line.strip()  # a line that continues the item before it
        elif line.strip():
            lead.append(line.strip())
    if len(items) < MIN_ITEMS:
        return []
    head = " ".join(x for x in (heading, "".join(lead)) if x)
    return [f"{head} {item}" if head else item for item in items]


def best_similarities(sims: list[float], groups: list[list[int]], item_sims: list[float]) -> list[float]:
    """Each passage's similarity: the best of its own (`sims[i]`) and its items' (`item_sims[j]` for j
    in `groups[i]`)."""
    return [max([s] + [item_sims[j] for j in group]) for s, group in zip(sims, groups)]


# A FAQ answer quoting several clauses ends each with its citation: “……不予公开（条例第十四条）。……”
CITED_PART_RE = re.compile(r"[^（(]*?(?:[（(][^）)]*第[^）)]*条[^）)]*[）)])[^。；]*[。；]?")


def cited_parts(answer: str) -> list[str]:
    """The parts of a curated answer that quotes several clauses, each up to its citation ([] when it
    cites fewer than MIN_ITEMS): each answers a question of its own, as a list's items do, and the
    model reads only the start of a long answer."""
    parts = [m.group(0).strip() for m in CITED_PART_RE.finditer(answer or "") if m.group(0).strip()]
    return parts if len(parts) >= MIN_ITEMS else []
