from celery import shared_task


@shared_task(name="gongkai.mailboxes.stats_publish_monthly")
def stats_publish_monthly_task():
    """Monthly: last month's 留言 statistics of each agency with mailboxes, submitted for review."""
    from django.utils import timezone

    from .stats import stats_publish_monthly

    return len(stats_publish_monthly(today=timezone.localdate()))


@shared_task(name="gongkai.mailboxes.reminders_send")
def reminders_send_task():
    """Daily: reminders of 留言 due soon, overdue or under 督办 (recorded per user, e-mailed once)."""
    from django.utils import timezone

    from .reminders import reminders_send

    return reminders_send(today=timezone.localdate())
