"""Report periods of recurring tasks: the period a day falls in, as a code ("2026-05", "2026-Q2",
"2026-H1", "2026") and its last calendar day."""
import calendar
import datetime as dt


def _month_end(year, month):
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def current_period(kind: str, day: dt.date) -> tuple[str, dt.date] | None:
    if kind == "recurring_monthly":
        return f"{day.year}-{day.month:02d}", _month_end(day.year, day.month)
    if kind == "recurring_quarterly":
        q = (day.month - 1) // 3 + 1
        return f"{day.year}-Q{q}", _month_end(day.year, 3 * q)
    if kind == "recurring_half_yearly":
        h = 1 if day.month <= 6 else 2
        return f"{day.year}-H{h}", _month_end(day.year, 6 * h)
    if kind in ("recurring_yearly", "ongoing"):
        return f"{day.year}", dt.date(day.year, 12, 31)
    return None


def default_period(task, day: dt.date) -> str:
    """The period a report made on `day` is for (a dated task reports for its year)."""
    period = current_period(task.deadline_kind, day)
    return period[0] if period else str(day.year)
