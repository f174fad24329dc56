"""Header labels glued to their values with no colon, space or bracket.

A law database prints its attribute block as `发文机关中共某某党组` / `时效性现行有效`; a county site
prints bullets as `标题某某的通知` / `公开日期2020年07月30日16时06分成文日期2020年07月09日`. Such a line
counts only inside a run of them (`GLUED_MIN` labels of kept fields) and only when every value has
its field's form; a label glued to the END of a line (`…的通知发文机关`) hands the next line to it.
"""
from .items import AUX_FIELDS, Label, Line, Pair
from .labels import COLON_ONLY, LABEL_FIELD, clean_value, title_shaped

GLUED_MIN = 3  # glued `label+value` items of kept fields that make a header block


def glued_pairs(line: Line):
    """The pairs of a line that starts with a kept field's label glued to its value with no colon,
    space or bracket (`发文日期2021年12月21日`, `时效性现行有效`), when the value has the field's form;
    a further glued label splits the value (`公开日期2020年07月30日16时06分成文日期2020年07月09日`).
    A glued 标题/名称 is taken only with a title-shaped value. None when the line is not such."""
    n = line.norm
    for label in sorted(LABEL_FIELD, key=len, reverse=True):
        field_name = LABEL_FIELD[label]
        if (label in COLON_ONLY or len(label) < (2 if field_name == "title" else 3 if field_name else 4)
                or not n.startswith(label) or len(n) <= len(label) or n[len(label)] in " \t:|"):
            continue
        pieces = _split_glued(line, len(label))
        value = line.shown[len(label):pieces[0][0]].strip() if pieces else line.shown[len(label):].strip()
        first = _glued_item(label, 0, value)
        if first is None:
            return None
        out = [first]
        for k, (start, lab) in enumerate(pieces):
            end = pieces[k + 1][0] if k + 1 < len(pieces) else len(line.shown)
            item = _glued_item(lab, start, line.shown[start + len(lab):end].strip())
            if item is None:
                return None
            out.append(item)
        return out
    return None


def _glued_item(label: str, start: int, value: str):
    field_name = LABEL_FIELD[label]
    if field_name is None:  # a label whose value is not kept (效力级别): only a short value
        return Pair(Label(start, start + len(label), label, None, False), value, False) if len(value) <= 20 else None
    if field_name == "title":
        if not title_shaped(value):
            return None
    elif clean_value(field_name, value, strict=True) is None and not (field_name in AUX_FIELDS and len(value) <= 20):
        return None
    return Pair(Label(start, start + len(label), label, field_name, False), value, False)


def _split_glued(line: Line, pos: int):
    """[(start, label)] of the further labels of four characters or more glued inside the value after
    `pos`, each followed by a value of its field's form (so a title holding such a word is not cut)."""
    n, found = line.norm, []
    labels = [lab for lab in sorted(LABEL_FIELD, key=len, reverse=True) if len(lab) >= 4 and lab not in COLON_ONLY]
    i = pos + 1
    while i < len(n):
        lab = next((lab for lab in labels if n.startswith(lab, i)), None)
        if lab is not None:
            end = next((j for j in range(i + len(lab), len(n)) if any(n.startswith(x, j) for x in labels)), len(n))
            value = line.shown[i + len(lab):end].strip()
            field_name = LABEL_FIELD[lab]
            if value and (field_name is None or field_name in AUX_FIELDS
                          or clean_value(field_name, value, strict=True) is not None):
                found.append((i, lab))
                i += len(lab)
                continue
        i += 1
    return found


def glued_label(line: Line):
    """(text before, Label) when `line` ends in a kept field's label of 3+ characters glued to a value
    (`…的通知发文机关`); None otherwise."""
    n = line.norm.rstrip(" \t:")
    for label in sorted(LABEL_FIELD, key=len, reverse=True):
        if len(label) >= 3 and LABEL_FIELD[label] and n.endswith(label) and len(n) > len(label) + 3:
            before = line.shown[:len(n) - len(label)].strip()
            return before, Label(len(n) - len(label), len(line.norm), label, LABEL_FIELD[label], False)
    return None
