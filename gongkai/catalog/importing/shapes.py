"""Header values without labels, recognised by their shape.

Two layouts lose a 信息公开 table's label cells and keep only its values: a bullet list of values
(`• 736916953/2024-000372` / `• 2024-01-10` / `• 某政办规〔2024〕1号` / `• 现行有效`), and the same values one
per line with no bullets, right under the headline (`11370…/2023-6526360` / `环境监测…` /
`某政办字〔2023〕21号` / `区政府办公室` / `2023-12-15` / `废止`). A value is read only by its form - a
date, a 发文字号, an index number, a validity word (and, in a bullet list, a title) - at rank 3, so a
labelled value always wins and a field whose label is shown is never filled this way. Among several
unlabelled dates the first counts (the later ones are the end of validity, an update).
"""
import re

from .chrome import is_chrome
from .labels import (DATE_ONLY_RE, DOC_NO_LINE_RE, INDEX_RE, clean_value, format_doc_no, nfkc, parse_date,
                     title_shaped, validity_label)

VALIDITY_WORDS = {"有效", "现行有效", "失效", "已失效", "废止", "已废止", "已修改", "已修订", "部分失效"}
# A line of a value run: short, no sentence punctuation, no colon (a label line is no value).
_SENTENCE_RE = re.compile(r"[。！？!?；;:：,，]")
_RUN_MIN, _SHAPED_MIN = 4, 3  # a run of at least four lines, three of them of a field's form
# A bullet led by an item's label this table does not know (`• 中文名: 某某条例`): labelled, so no
# unlabelled value - its value is never read by shape (nor taken as the title).
_ITEM_LEAD_RE = re.compile(r"^[\u3400-\u9fff]{1,8}\s*:")


def bullet_values(lines, stop, header, pairs_of):
    """Read the unlabelled values of bullet lists and of bare value runs in `lines[:stop]` into `header`."""
    run = []
    for i in range(stop + 1):
        if i < stop and lines[i].bullet:
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                if (pairs_of[j] is None and not is_chrome(lines[j].shown) and not _ITEM_LEAD_RE.match(nfkc(lines[j].norm))
                        and value_by_shape(lines[j], header)):
                    header.lines.add(j)
        run = []
    _value_runs(lines, stop, header, pairs_of)


def _value_runs(lines, stop, header, pairs_of):
    """A run of short lines without labels or bullets, holding an index number and at least two more
    values of a field's form: a table whose label cells were lost. Its titles are not read (the
    headline above it is)."""
    run = []
    for i in range(stop + 1):
        if i < stop and _value_line(lines[i], i, header, pairs_of):
            run.append(i)
            continue
        shaped = [j for j in run if _shape(lines[j]) is not None]
        if len(run) >= _RUN_MIN and len(shaped) >= _SHAPED_MIN and any(_shape(lines[j]) == "index_no" for j in shaped):
            for j in shaped:
                value_by_shape(lines[j], header, titles=False)
                header.lines.add(j)
        run = []


def _value_line(line, i, header, pairs_of) -> bool:
    text = line.shown.strip()
    return (pairs_of[i] is None and i not in header.lines and not line.bullet and 0 < len(text) <= 40
            and not _SENTENCE_RE.search(text) and not is_chrome(text))


def _shape(line):
    """The field a bare value has the form of, or None."""
    text = nfkc(line.shown).strip()
    if DATE_ONLY_RE.match(text):
        return "publish_date"
    m = DOC_NO_LINE_RE.match(text)
    if m and m.end() == len(text):
        return "doc_no"
    if INDEX_RE.match(text) and "/" in text and sum(c.isdigit() for c in text) >= 6:
        return "index_no"
    if line.norm.strip() in VALIDITY_WORDS:
        return "validity"
    return None


def value_by_shape(line, header, *, titles: bool = True) -> bool:
    """Put the value of `line` into `header` by its form (rank 3); False when it has no field's form."""
    text = nfkc(line.shown).strip()
    kind = _shape(line)
    if kind == "publish_date":
        header.put("publish_date", 3, parse_date(text))
    elif kind == "doc_no":
        header.put("doc_no", 3, format_doc_no(line.shown))
    elif kind == "index_no":
        header.put("index_no", 3, text)
    elif kind == "validity":
        header.put("validity", 3, validity_label(line.norm.strip()))
    elif titles and title_shaped(line.shown):
        header.put("title", 3, clean_value("title", line.shown))
    else:
        return False
    return True
