"""Read a published annual report (.html, .txt, .docx; 2021 format or the 2019 trial format)."""
import re

from django.utils.translation import gettext as _

from .. import template as t
from ..data import Finding, ReportData
from . import labels
from .extract import lines_from_file
from .tables import find_regions, line_text, parse_table_a, parse_table_b, parse_table_c

_YEAR_PATTERNS = [
    re.compile(r"(20\d{2})年(?:度)?[^。]{0,30}?(?:政府信息公开|政务公开)?工作年度报告"),
    re.compile(r"统计期限.{0,6}?(20\d{2})年1月1日"),
    re.compile(r"(20\d{2})年1月1日(?:起)?至(?:20\d{2}年)?12月31日"),
]


def detect_year(lines) -> int | None:
    head = "".join(line_text(c) for c in lines[:60])
    head = labels.norm(head)
    for pat in _YEAR_PATTERNS:
        m = pat.search(head)
        if m:
            return int(m.group(1))
    return None


def _format_from_table_a(lines, region) -> str | None:
    if region is None:
        return None
    text = labels.norm("".join(line_text(c) for c in lines[region[0]:region[1]]))
    if "本年新制作数量" in text or "对外公开总数量" in text or "政府集中采购" in text:
        return t.FORMAT_2019
    if "本年制发件数" in text or "现行有效件数" in text:
        return t.FORMAT_2021
    return None


def report_parse_lines(lines) -> ReportData:
    data = ReportData(year=detect_year(lines))
    regions = find_regions(lines)
    fmt_b = None
    if "b" in regions:
        fmt_b = parse_table_b(lines, *regions["b"], data)
    fmt = fmt_b or _format_from_table_a(lines, regions.get("a"))
    if fmt is None:
        fmt = t.FORMAT_2019 if data.year and data.year <= 2020 else t.FORMAT_2021
    data.format = fmt
    if fmt == t.FORMAT_2019:
        for key in ("other_1", "other_2"):
            data.applications[key] = {c: None for c in t.COLUMN_KEYS}
    if "c" in regions:
        parse_table_c(lines, *regions["c"], data)
    if "a" in regions:
        parse_table_a(lines, *regions["a"], data, fmt)
    if data.year is None:
        data.findings.append(Finding("parse", "warning", None, None, _("未能从报告中识别出报告年度。")))
    return data


def report_parse(*, name: str, data: bytes) -> ReportData:
    """Parse the bytes of a published report file named `name`."""
    return report_parse_lines(lines_from_file(name=name, data=data))
