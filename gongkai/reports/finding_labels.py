"""Findings as a person reads them on the screen: the rule's Chinese name instead of its code, and
Table A field keys in older stored messages ("（decisions）") replaced by the column's header."""
import re

from . import template as t
from .data import RULE_LABELS

_FIELD = re.compile(r"[（(]([a-z_]+)[)）]")


def _field_headers() -> dict:
    headers = {}
    for blocks in (t.TABLE_A_2021, t.TABLE_A_2019):
        for block in blocks:
            for key, header in zip(block.fields, block.headers):
                headers.setdefault(key, header)
    return headers


def findings_for_screen(findings) -> list:
    """Copies of `findings` (dicts) with `label` (the rule's Chinese name) and a Chinese message."""
    headers = _field_headers()
    out = []
    for f in findings or []:
        item = dict(f)
        item.setdefault("label", RULE_LABELS.get(item.get("rule"), "检查提示"))
        item["message"] = _FIELD.sub(lambda m: f"（{headers.get(m.group(1), m.group(1))}）"
                                     if m.group(1) in headers else m.group(0), item.get("message", ""))
        out.append(item)
    return out
