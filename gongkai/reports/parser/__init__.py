"""Read a published annual report (.html, .txt, .docx; 2021 format or the 2019 trial format)."""
import re

from django.utils.translation import gettext as _

from .. import template as t
from ..data import Finding, ReportData
from . import labels
from .extract import lines_from_file
from .prose import apply_prose
from .table_b import parse_table_b
from .tables import find_regions, line_text, parse_table_a, parse_table_c

# A title's year is the last one before its words: `生成日期2019年09月23日…白银市动力公司2008年政府信息公开工作
# 年度报告` is a 2008 report (a date, or another year, between them is not the title's).
_NO_YEAR = r"(?:(?!20\d{2}年)[^。])"
_YEAR_PATTERNS = [
    re.compile(rf"(20\d{{2}})年(?!\d{{1,2}}月)(?:度)?{_NO_YEAR}{{0,30}}?(?:政府信息公开|政务公开)?工作(?:年度)?报告"),
    re.compile(rf"(20\d{{2}})年(?!\d{{1,2}}月)(?:度)?(?:(?!20\d{{2}}年)[^。，,]){{0,20}}?(?:政府信息公开|政务公开)"
               r"[^。，,]{0,12}?(?:年度报告|情况的?报告|年报)"),
    re.compile(r"统计期限.{0,6}?(20\d{2})年1月1日"),
    re.compile(r"(20\d{2})年1月1日(?:起)?至(?:20\d{2}年)?12月31日"),
    re.compile(r"截[止至](20\d{2})年12月31日"),  # the period's end (`截止2023年12月31日我局…发布…34条`)
]
# 国办公开办函〔2021〕30号 set the 2021 format, 国办公开办函〔2019〕60号 the 2019 one. The 2021 letter is the
# format itself; the 2019 letter also set other rules about the reports and is still cited after 2021, so it
# names the format only for the reports it governed (2019 and 2020).
_FORMAT_LETTER_RE = re.compile(r"国办公开办?[函涵][〔\[(（【]?(2021|2019)[〕\])）】]?(?:30|60)号")  # 涵: a misprint seen
_TERM_IN_PROSE = re.compile(r"(?:本年制发件数|本年废止件数|现行有效件数|本年新制作数量|本年新公开数量|对外公开总数量)"
                            r"(?:累计|共计?|为|达)?\d+(?:件|个|条)")
_YEAR_MENTION = re.compile(r"(?<!\d)(20\d{2})年(?!\d{1,2}月\d{1,2}日)")


def detect_year(lines) -> int | None:
    """The report year: from the title or the statistics period, else the year the text names most."""
    head = labels.norm("".join(line_text(c) for c in lines[:80]))
    for pat in _YEAR_PATTERNS:
        m = pat.search(head)
        if m:
            return int(m.group(1))
    mentions = _YEAR_MENTION.findall(head[:4000])
    if mentions:
        return int(max(set(mentions), key=lambda y: (mentions.count(y), -mentions.index(y))))
    return None


def detect_format(lines, year: int | None = None) -> str | None:
    """The format named by Table A's headers (本年制发件数 or 本年新制作数量), wherever they are."""
    raw = labels.norm("".join(line_text(c) for c in lines))
    text = re.sub(r"\(\d{4}\)", "", raw)
    # The header words used in a sentence with its own count (`现行有效件数累计0件`) are prose, not a table.
    text = _TERM_IN_PROSE.sub("", text)
    if "本年新制作数量" in text or "对外公开总数量" in text or "本年新公开数量" in text:
        return t.FORMAT_2019
    if "本年制发件数" in text or "现行有效件数" in text or "本年废止件数" in text:
        return t.FORMAT_2021
    # No table A in the text: the format the report says it follows (the 国办 letter that set it).
    letters = {m.group(1) for m in _FORMAT_LETTER_RE.finditer(raw)}
    if "2021" in letters:
        return t.FORMAT_2021
    if "2019" in letters and (year is None or year < 2021):
        return t.FORMAT_2019
    return None


def report_parse_lines(lines) -> ReportData:
    data = ReportData(year=detect_year(lines))
    regions = find_regions(lines)
    fmt_b = None
    if "b" in regions:
        b_start, b_end = regions["b"]
        fmt_b = parse_table_b(lines, b_start, b_end, data, to_end=b_end >= len(lines))
    fmt = detect_format(lines, data.year) or fmt_b
    data.format = fmt
    apply_prose(data, lines)
    fmt = fmt or t.FORMAT_2021  # the rows to read and check when the format is not visible
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
