"""From the rows of an imported 标准目录 table (`tables.py`) to the fields of `Entry` rows: the area of each
row, 一级事项 carried down where a flattened table left it blank, the tick columns as 公开对象/方式/层级,
and the 指引 事项 a row restates (so coverage and the 采用/调整/增设 origin stay right). Reads only."""
import re

from django.utils.translation import gettext as _

from .areas import areas
from .models import AUDIENCE_FROM_TEXT, MODE_FROM_TEXT, Origin
from .tables import Row, boxed_choices, fold

LIMITS = {"level1": ("一级事项", 120), "level2": ("二级事项", 200), "time_limit": ("公开时限", 200),
          "subject_text": ("公开主体", 200)}
_SPLIT_RE = re.compile(r"[、,，;；/\n]+")
_PUNCT_RE = re.compile(r"[\W_]+")
_GUIDE_RE = re.compile(r"《?([^《》（(]{2,20}?)(?:领域)?基层政务公开标准指引")


def _aliases(area) -> list[str]:
    names = [area.name]
    found = _GUIDE_RE.search(area.document or "")
    if found and found.group(1) not in names:
        names.append(found.group(1))
    return names


def area_for(text: str):
    """The area a title, sheet name or 领域 cell names (the longest name found wins), else None."""
    text = fold(text)
    best, size = None, 0
    for a in areas():
        for name in _aliases(a):
            if name in text and len(name) > size:
                best, size = a, len(name)
    return best


def _key(*parts) -> str:
    return _PUNCT_RE.sub("", "".join(fold(p) for p in parts))


def _template_match(area, level1: str, level2: str):
    want = _key(level1, level2)
    for item in area.items:
        if _key(item["level1"], item["level2"] or "") == want:
            return item
    return None


def _choice(ticks: list, text: str, table: dict) -> str:
    if len(ticks) == 1:
        return table.get(ticks[0], "")
    return table.get(fold(text), "") if text else ""


def _split(text: str) -> list[str]:
    boxed = boxed_choices(text)
    if boxed is not None:
        return boxed
    return [p.strip() for p in _SPLIT_RE.split(text or "") if p.strip()]


def entry_fields(rows: list[Row], *, default_area=None) -> tuple[list[dict], list[str]]:
    """(fields for each 事项, problems). Each dict has `area_slug`, `origin`, `template_code` and the
    editable fields; a problem names the row it is about."""
    out, problems, carried = [], [], {}
    for row in rows:
        v = row.values
        area = area_for(v.get("area", "")) or area_for(row.area_hint) or default_area
        if area is None:
            problems.append(_("%(w)s：无法确定所属领域（请在导入时选择领域，或在表格上方写明“××领域”）。")
                            % {"w": row.line})
            continue
        level1 = v.get("level1") or carried.get(area.slug, "")
        if not v.get("level1") and not v.get("content"):
            continue
        carried[area.slug] = level1
        content = v.get("content", "")
        if not level1 or not content:
            problems.append(_("%(w)s：缺少%(f)s。") % {"w": row.line, "f": _("一级事项") if not level1 else _("公开内容")})
            continue
        fields = {
            "level1": level1, "level2": v.get("level2", ""), "content": content, "basis": v.get("basis", ""),
            "time_limit": v.get("time_limit", ""), "subject_text": v.get("subject", ""),
            "channels": _split(v.get("channels", "")),
            "audience": _choice(row.ticks.get("audience", []), v.get("audience", ""), AUDIENCE_FROM_TEXT),
            "mode": _choice(row.ticks.get("mode", []), v.get("mode", ""), MODE_FROM_TEXT),
            "levels": row.ticks.get("levels") or _split(v.get("levels", "")),
        }
        too_long = [(label, n) for k, (label, n) in LIMITS.items() if len(fields[k]) > n]
        if too_long:
            problems.append(_("%(w)s：“%(f)s”超过 %(n)d 字。") % {"w": row.line, "f": too_long[0][0], "n": too_long[0][1]})
            continue
        item = _template_match(area, fields["level1"], fields["level2"])
        origin, code = Origin.LOCAL, ""
        if item is not None:
            code = item["code"]
            same = _key(item["content"]) == _key(fields["content"])
            origin = Origin.ADOPTED if same else Origin.ADAPTED
        out.append({"area_slug": area.slug, "origin": origin, "template_code": code, **fields})
    return out, problems


def entry_key(fields: dict) -> str:
    """What makes two 事项 the same for a re-import: area, names and content, spacing and punctuation aside."""
    return fields["area_slug"] + ":" + _key(fields["level1"], fields["level2"], fields["content"])
