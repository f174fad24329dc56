"""Celery tasks of the columns app: each calls a service; running one twice changes nothing more."""
from celery import shared_task


@shared_task(name="gongkai.columns.expiry_apply")
def expiry_apply_task():
    """Mark 已失效 the documents whose 失效日期 has come (Beijing date)."""
    from .normative import expiry_apply

    return expiry_apply()


@shared_task(name="gongkai.columns.reminders_send")
def reminders_send_task():
    """Remind the owners of documents that expire within 30 days."""
    from .normative import reminders_send

    return reminders_send()


@shared_task(name="gongkai.columns.profile_reminders_send")
def profile_reminders_send_task():
    """E-mail the staff of 机构概况 not reviewed within COLUMNS_PROFILE_REVIEW_DAYS (once per period)."""
    from .reminders import profile_reminders_send

    return profile_reminders_send()
