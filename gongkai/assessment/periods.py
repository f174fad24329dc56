"""The period a monthly snapshot covers: the twelve months ending with the snapshot's month (a rolling
year, so that rates have something to count), cut at today for the current month."""
import datetime as dt

WINDOW_MONTHS = 12


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_shift(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def month_window(month: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """(start, end) of the snapshot for `month` (any day of it)."""
    month = month_start(month)
    end = min(month_shift(month, 1) - dt.timedelta(days=1), today)
    return month_shift(month, 1 - WINDOW_MONTHS), end


def months_back(month: dt.date, n: int) -> list[dt.date]:
    """The n months ending with `month`, oldest first."""
    return [month_shift(month_start(month), -i) for i in range(n - 1, -1, -1)]
