"""The minimum 征求意见 period of each kind of draft, computed on the one working-day calendar.

Counting follows 民法典: a period in days starts the day after publication (第二百零一条), and when its
last day is a statutory rest day it ends on the next working day (第二百零三条). A period in working
days is the n-th working day after publication (`workdays.calendar.add_workdays`). The floors:

- 重大行政决策: 一般不少于30日 (重大行政决策程序暂行条例, 国务院令第713号, 第十五条);
- 规章: 一般不少于30日 (规章制定程序条例, the article on publishing drafts for comment);
- 行政规范性文件: 一般不少于7个工作日 (国办发〔2018〕37号);
- 涉企规范性文件 (与市场主体生产经营活动密切相关): 一般不少于30日 (优化营商环境条例, 国务院令第722号,
  第六十二条).
A shorter period is lawful only with a stated reason (e.g. urgency); `Consultation` records it.

Local kinds (a county's "不少于20个工作日", say) are `PeriodRule` rows an administrator adds; they
are counted the same way.
"""
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError
from gongkai.workdays.calendar import add_workdays, is_official_year, next_workday

DAYS = "days"
WORKDAYS = "workdays"


@dataclass(frozen=True)
class Rule:
    name: str
    minimum: int
    unit: str  # DAYS or WORKDAYS
    basis: str


STATUTORY = {
    "重大行政决策": Rule("重大行政决策", 30, DAYS, "《重大行政决策程序暂行条例》（国务院令第713号）第十五条"),
    "规章": Rule("规章", 30, DAYS, "《规章制定程序条例》"),
    "行政规范性文件": Rule("行政规范性文件", 7, WORKDAYS, "国办发〔2018〕37号"),
    "涉企规范性文件": Rule("涉企规范性文件", 30, DAYS, "《优化营商环境条例》（国务院令第722号）第六十二条"),
}


@dataclass(frozen=True)
class Period:
    rule: Rule
    start: dt.date
    min_end: dt.date
    provisional: bool  # the calendar of a year involved is not official yet

    def lawful(self, end: dt.date | None) -> bool | None:
        return None if end is None else end >= self.min_end


def rule_for(kind: str) -> Rule:
    """The statutory rule of `kind`, else an administrator's local rule of that name."""
    if kind in STATUTORY:
        return STATUTORY[kind]
    from .models import PeriodRule

    local = PeriodRule.objects.filter(name=kind).first()
    if local is None:
        names = "、".join(list(STATUTORY) + list(PeriodRule.objects.values_list("name", flat=True)))
        raise UserFacingError(_("未知的征求意见类型“%(kind)s”，可选：%(names)s") % {"kind": kind, "names": names})
    return Rule(local.name, local.minimum, local.unit, local.basis)


def minimum_period(rule: Rule, start: dt.date) -> Period:
    """The earliest lawful closing day of a consultation published on `start`."""
    if rule.unit == WORKDAYS:
        deadline = add_workdays(start, rule.minimum)
        return Period(rule, start, deadline.date, deadline.provisional)
    last = start + dt.timedelta(days=rule.minimum)
    end = next_workday(last)
    provisional = not all(is_official_year(year) for year in range(start.year, end.year + 1))
    return Period(rule, start, end, provisional)
