"""完成时限 as written in 工作要点 → a due date on the working-day calendar, or a recurring / open kind.

The calendar date a phrase names (全年 and 年底前 → 12-31, 8月底前 → 08-31, 6月30日前 → 06-30, 上半年 →
06-30, 第三季度 → 09-30) becomes the last working day on or before it: "……前" means the work is done
by then, and an office cannot deliver on a rest day. 每月 / 每季度 / 每半年 are recurring report
periods; 长期坚持 / 持续推进 / 常态化 have no due date (periodic progress reports instead).
"""
import calendar
import datetime as dt
import re
from dataclasses import dataclass

from gongkai.core.text import normalize
from gongkai.workdays.calendar import is_workday

ONGOING = ("长期坚持", "持续推进", "长期", "常态化", "持续", "长期推进", "常年")
RECURRING = (("每月", "monthly"), ("每季度", "quarterly"), ("每季", "quarterly"), ("每半年", "half_yearly"),
             ("每年", "yearly"))
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_END = re.compile(r"(\d{1,2})月(?:底|末|份)(?:前|之前)?")
_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日(?:前|之前)?")
_QUARTER = re.compile(r"第?([一二三四1-4])季度(?:末|底)?(?:前)?")
_YEAR_END = ("全年", "年底前", "年底", "年内", "年末", "年终", "本年度", "12月底前")


@dataclass(frozen=True)
class TimeLimit:
    raw: str
    due: dt.date | None
    kind: str  # "date", "recurring_<period>", "ongoing", "unknown", "none"


def _last_workday_on_or_before(day: dt.date) -> dt.date:
    for _i in range(15):
        if is_workday(day):
            return day
        day -= dt.timedelta(days=1)
    return day


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def calendar_date(text: str, year: int) -> dt.date | None:
    """The calendar day a phrase names, before the working-day rule."""
    match = _DAY.search(text)
    if match and 1 <= int(match.group(1)) <= 12:
        month, day = int(match.group(1)), int(match.group(2))
        if 1 <= day <= calendar.monthrange(year, month)[1]:
            return dt.date(year, month, day)
    match = _MONTH_END.search(text)
    if match and 1 <= int(match.group(1)) <= 12:
        return _month_end(year, int(match.group(1)))
    match = _QUARTER.search(text)
    if match:
        return _month_end(year, 3 * _CN_NUM[match.group(1)])
    if "上半年" in text:
        return dt.date(year, 6, 30)
    if "下半年" in text or any(word in text for word in _YEAR_END):
        return dt.date(year, 12, 31)
    return None


def parse_time_limit(raw: str | None, year: int) -> TimeLimit:
    text = normalize(raw or "").replace(" ", "")
    if not text:
        return TimeLimit(raw or "", None, "none")
    for word, period in RECURRING:
        if word in text:
            return TimeLimit(raw, None, f"recurring_{period}")
    day = calendar_date(text, year)
    if day is not None:
        return TimeLimit(raw, _last_workday_on_or_before(day), "date")
    if any(word in text for word in ONGOING):
        return TimeLimit(raw, None, "ongoing")
    return TimeLimit(raw, None, "unknown")


def looks_like_time_limit(text: str) -> bool:
    """Whether a table cell is a 完成时限 (used when a table has no header to say so)."""
    text = normalize(text or "").replace(" ", "")
    if not text or len(text) > 20:
        return False
    return (any(word in text for word, _p in RECURRING) or any(word in text for word in ONGOING)
            or calendar_date(text, 2000) is not None)
