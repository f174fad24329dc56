"""公开时限 as the 标准指引 write it → a rule the coverage check can apply on the working-day calendar.

Forms (each has a test in tests/test_timelimits.py):
- "信息形成或变更之日起20个工作日内", "形成或者变更之日起20个工作日内予以公开", "信息产生、变更之日起20个
  工作日内公开", "自信息形成之日起7个工作日内", "制定或获取信息之日起10个工作日内", "作出决定之日起7个工作
  日内" → `workdays` n: due = the n-th working day after the day the information was formed
  (`workdays.calendar.add_workdays`); a Chinese numeral (二十个工作日) is read too.
- "5日内", "自…之日起15天内" → `days` n: calendar days.
- "实时", "实时公开" → `realtime`: due the day the information is formed.
- "本级人民代表大会或其常务委员会批准后20日内", "本级政府财政部门批复后20日内" (the 预决算 rows) → `days` n
  counted from the approval, which is the day the information is formed.
- "每月", "每季度", "每半年", "每年" → `periodic`: one publication in every such period; so are the update
  frequencies "半年至少更新1次", "至少1次/半年", "每季度至少更新一次".
- "每年3月底前", "每年6月30日前" → `annual`: once a year, by that day.
- "及时", "按进展情况及时公开", "同政策文件同步发布", "随采购公告、采购文件公开" (published with another
  document) → `prompt`: no fixed number of days; can be missing, never late.
- "在实地启动拟征收土地工作时，在村公示栏公开" (at an event: "在/于…时") and "在组织听证7个工作日前予以公开"
  (n working days *before* an event whose date is not the information's), "提前一周发通知邀请" (ahead of a meeting)
  and "调查登记结束后公示期不得少于7日" (how long a notice stays up, not when it is due) → `prompt`: no clock
  counted from the day the information is formed; can be missing, never late.
- "长期公开", "常态化公开", "永久公开", "常年公开", "动态更新" → `standing`: must be there; no clock.
- A two-part limit ("除处罚决定外其他内容：长期公开；处罚决定：20个工作日内") takes its clocked part.
Anything else is `unknown` (treated like `standing`, and shown so a person fixes the text).
"""
import calendar
import datetime as dt
import re
from dataclasses import dataclass

from gongkai.core.text import normalize
from gongkai.workdays.calendar import add_workdays

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(\d+|[一二两三四五六七八九十]+)"
_WORKDAYS = re.compile(_NUM + r"\s*个?\s*工作日")
_DAYS = re.compile(_NUM + r"\s*(?:个)?\s*(?:自然日|日|天)(?:内|以内|之内)")
_ANNUAL_MONTH_END = re.compile(r"每年\s*(\d{1,2}|[一二三四五六七八九十]+)\s*月\s*(?:底|末)\s*(?:前|之前)?")
_ANNUAL_DAY = re.compile(r"每年\s*(\d{1,2}|[一二三四五六七八九十]+)\s*月\s*(\d{1,2})\s*日\s*(?:前|之前)?")
_PERIODS = (("每月", "month"), ("每个月", "month"), ("每季度", "quarter"), ("每季", "quarter"),
            ("每半年", "half"), ("每年", "year"), ("每年度", "year"))
_PERIOD_WORDS = {"月": "month", "个月": "month", "季度": "quarter", "季": "quarter", "半年": "half", "年": "year",
                 "年度": "year"}
_P = r"(个月|月|季度|季|半年|年度|年)"
_FREQUENCY = re.compile(_P + r"(?:内)?至少(?:更新|公开)?\s*[1一]\s*次|至少\s*[1一]\s*次\s*/\s*" + _P)
_BEFORE_EVENT = re.compile(r"(?<![月\d一二两三四五六七八九十])" + _NUM + r"\s*个?\s*(?:工作日|自然日|日|天)\s*(?:以前|之前|前)")
_AHEAD = re.compile(r"提前\s*" + _NUM + r"?\s*个?\s*(?:周|星期|工作日|自然日|日|天)")  # "提前一周发通知邀请"
_DISPLAY = re.compile(r"公示(?:期|时间)?\s*(?:不得少于|不少于|为)\s*" + _NUM + r"\s*个?\s*(?:工作日|自然日|日|天)")  # how long it stays up
_AT_EVENT = re.compile(r"(?:^|[在于当])[^，,；;。0-9]{2,40}时(?:[，,]|公开|予以|$)")  # "在…时（，在…）公开"
_ALONG = re.compile(r"^随|随同|一并公开|同时公开")  # published together with another document
PERIOD_LABELS = {"month": "月", "quarter": "季度", "half": "半年", "year": "年"}


def cn_number(text: str) -> int:
    """"20" → 20, "二十" → 20, "十五" → 15, "七" → 7."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS[text]


@dataclass(frozen=True)
class TimeLimit:
    raw: str
    kind: str  # workdays, days, realtime, periodic, annual, prompt, standing, unknown, none
    n: int = 0  # workdays / days
    period: str = ""  # month, quarter, half, year
    month: int = 0  # annual
    day: int = 0  # annual (0: the month's last day)

    @property
    def clocked(self) -> bool:
        """Whether a publication can be late under this rule."""
        return self.kind in ("workdays", "days", "realtime", "annual")

    def due(self, formed: dt.date) -> dt.date | None:
        """The last day to publish information formed on `formed` (None: no clock for one item)."""
        if self.kind == "workdays":
            return add_workdays(formed, self.n).date
        if self.kind == "days":
            return formed + dt.timedelta(days=self.n)
        if self.kind == "realtime":
            return formed
        return None

    def annual_due(self, year: int) -> dt.date:
        last = calendar.monthrange(year, self.month)[1]
        return dt.date(year, self.month, min(self.day or last, last))

    def describe(self) -> str:
        return {"workdays": f"{self.n}个工作日内", "days": f"{self.n}日内", "realtime": "实时",
                "periodic": f"每{PERIOD_LABELS.get(self.period, '')}", "prompt": "及时（无固定天数）",
                "standing": "长期公开", "none": "未载明", "unknown": "无法识别"}.get(
            self.kind, f"每年{self.month}月{self.day or '底'}{'日' if self.day else ''}前")


def parse(text: str | None) -> TimeLimit:
    raw = (text or "").strip()
    s = normalize(raw).replace(" ", "")
    if not s:
        return TimeLimit(raw, "none")
    if _BEFORE_EVENT.search(s) or _AHEAD.search(s) or _DISPLAY.search(s):  # not a clock from the formation
        s = _DISPLAY.sub("", _AHEAD.sub("", _BEFORE_EVENT.sub("", s)))  # read what else it says
        if not (_WORKDAYS.search(s) or _DAYS.search(s)):
            return TimeLimit(raw, "prompt")
    m = _WORKDAYS.search(s)
    if m:
        return TimeLimit(raw, "workdays", n=cn_number(m.group(1)))
    m = _ANNUAL_DAY.search(s)
    if m and 1 <= cn_number(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31:
        return TimeLimit(raw, "annual", month=cn_number(m.group(1)), day=int(m.group(2)))
    m = _ANNUAL_MONTH_END.search(s)
    if m and 1 <= cn_number(m.group(1)) <= 12:
        return TimeLimit(raw, "annual", month=cn_number(m.group(1)))
    m = _DAYS.search(s)
    if m:
        return TimeLimit(raw, "days", n=cn_number(m.group(1)))
    if "实时" in s:
        return TimeLimit(raw, "realtime")
    m = _FREQUENCY.search(s)
    if m:
        return TimeLimit(raw, "periodic", period=_PERIOD_WORDS[m.group(1) or m.group(2)])
    for word, period in sorted(_PERIODS, key=lambda p: -len(p[0])):
        if word in s:
            return TimeLimit(raw, "periodic", period=period)
    if "及时" in s or "同步" in s or _ALONG.search(s) or _AT_EVENT.search(s):
        return TimeLimit(raw, "prompt")
    if any(word in s for word in ("长期", "常态", "永久", "常年", "动态更新", "动态调整")):
        return TimeLimit(raw, "standing")
    return TimeLimit(raw, "unknown")


def periods_ended(period: str, start: dt.date, end: dt.date) -> list:
    """The (first day, last day) of every `period` whose last day falls within [start, end]."""
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12}[period]
    out = []
    year, month = start.year, 1
    while True:
        first = dt.date(year, month, 1)
        last_month = month + months - 1
        last = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        if last > end:
            break
        if last >= start:
            out.append((first, last))
        month += months
        if month > 12:
            year, month = year + 1, 1
    return out
