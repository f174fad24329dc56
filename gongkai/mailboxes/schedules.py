"""Periodic jobs of 政民互动 留言 (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    # Daily, 08:25 Beijing time: 留言 due soon, overdue or under 督办 remind the staff (e-mailed once).
    "mailboxes-reminders": {"task": "gongkai.mailboxes.reminders_send", "schedule": crontab(hour=8, minute=25)},
    # The 1st of each month, 08:40 Beijing time: last month's statistics go to the 公开前审查.
    "mailboxes-stats-monthly": {"task": "gongkai.mailboxes.stats_publish_monthly",
                                "schedule": crontab(day_of_month="1", hour=8, minute=40)},
}
