"""Header items printed as a grid: the labels first, their values after them in the same order.

A table rendered one cell per line gives a column of labels followed by a column of values
(`索引号` / `发布机构` / `11/2023-001` / `示范县政府办`); a table with a heading row gives a row of
labels followed by a row of values (`索引号 | 发布机构 |` / `11/… | 示范县政府办 |`). Read label by
label, each value would be taken by the wrong label (the first value line sits under the last label),
so such a run is paired by position - and only when every value has its field's form, else it is
left to the line-by-line reader.
"""
import re

from gongkai.core.text import normalize

from .chrome import is_chrome
from .labels import LABEL_FIELD, LABEL_KEY, LABEL_RANK, clean_value

_SPLIT_RE = re.compile(r"\s*\|\s*|\s{2,}|\t|(?<=\S) (?=\S)")


def _label_of(cell: str):
    key = re.sub(r"[\s:：]", "", normalize(cell))
    return LABEL_KEY.get(key) if key else None


def _values_fit(labels, values):
    """[(field, rank, value)] for the labels and values paired by position, or None when a value
    does not have its field's form."""
    out = []
    for label, raw in zip(labels, values):
        field_name = LABEL_FIELD[label]
        raw = raw.strip()
        if not raw or _label_of(raw):
            return None
        if field_name is None:
            if len(raw) > 30:
                return None
            continue
        value = clean_value(field_name, raw, strict=True)
        if value is None:
            return None
        out.append((field_name, LABEL_RANK[label], value))
    return out


def _cells(text: str):
    return [c for c in _SPLIT_RE.split(text.strip().strip("|")) if c.strip()]


def read_grids(lines, stop: int, header) -> set:
    """Put the values of every label grid in `lines[:stop]` into `header`; return the lines used."""
    used = set()
    i = 0
    while i < stop:
        # a row of labels, then a row of as many values
        cells = _cells(lines[i].shown)
        labels = [_label_of(c) for c in cells]
        if len(cells) >= 2 and all(labels) and i + 1 < stop:
            values = _cells(lines[i + 1].shown)
            fit = _values_fit(labels, values) if len(values) == len(labels) else None
            if fit is not None:
                for item in fit:
                    header.put(*item)
                header.labels += len(fit)
                used |= {i, i + 1}
                i += 2
                continue
        # a column of labels (one per line), then as many value lines
        k = 0
        while i + k < stop and len(_cells(lines[i + k].shown)) == 1 and _label_of(lines[i + k].shown):
            k += 1
        if k >= 2 and i + 2 * k <= stop:
            value_lines = [lines[i + k + m].shown for m in range(k)]
            col = [_label_of(lines[i + m].shown) for m in range(k)]
            fit = None if any(is_chrome(v) for v in value_lines) else _values_fit(col, value_lines)
            if fit is not None:
                for item in fit:
                    header.put(*item)
                header.labels += len(fit)
                used |= set(range(i, i + 2 * k))
                i += 2 * k
                continue
        i += max(k, 1)
    return used
