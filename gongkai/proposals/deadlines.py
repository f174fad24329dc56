"""The two clocks of a 建议提案: the 办理期限 (a number of months from 交办, 3 by default) and the
publication of the reply (a number of working days after the reply, 20 by default, as Anhui sets it
under 国办发〔2014〕46号). Both come from settings.GONGKAI and the one working-day calendar."""
import calendar
import datetime as dt

from django.conf import settings

from gongkai.workdays.calendar import add_workdays, next_workday

DEFAULT_REPLY_MONTHS = 3
DEFAULT_PUBLISH_WORKDAYS = 20
DUE_SOON_DAYS = 10  # calendar days before the 办理期限 when the unit is reminded


def reply_months() -> int:
    return int(settings.GONGKAI.get("PROPOSAL_REPLY_MONTHS", DEFAULT_REPLY_MONTHS))


def publish_workdays() -> int:
    return int(settings.GONGKAI.get("PROPOSAL_PUBLISH_WORKDAYS", DEFAULT_PUBLISH_WORKDAYS))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has no such day (11-30 + 3 = 02-28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reply_due(assigned: dt.date) -> dt.date:
    """The 办理期限: `reply_months()` after 交办; a due day off work moves to the next working day."""
    return next_workday(add_months(assigned, reply_months()))


def publish_due(replied: dt.date) -> dt.date:
    return add_workdays(replied, publish_workdays()).date
