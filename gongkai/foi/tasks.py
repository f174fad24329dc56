"""Celery tasks: each loads what it needs and calls a service; running one twice changes nothing more."""
from celery import shared_task


@shared_task(name="gongkai.foi.cases_recompute")
def cases_recompute_task(case_ids=None):
    """Recompute the deadlines of open cases (all of them by default) from their events."""
    from .services import cases_recompute

    return cases_recompute(case_ids=case_ids)


@shared_task(name="gongkai.foi.reminders_send")
def reminders_send_task():
    """Send today's deadline reminders (in-app and e-mail); a reminder already sent is not repeated."""
    from .reminders import reminders_send
    from .services import today

    return reminders_send(today=today())


@shared_task(name="gongkai.foi.notice_generate", acks_late=True, reject_on_worker_lost=True)
def notice_generate_task(notice_id: int):
    """Render and issue a pending notice; a notice already issued is left as it is."""
    from .models import Notice
    from .services import notice_generate

    notice = Notice.objects.filter(pk=notice_id).first()
    if notice is None:
        return None  # its case was deleted since
    return notice_generate(notice=notice).status


@shared_task(name="gongkai.foi.notices_pending_requeue")
def notices_pending_requeue_task():
    """Queue again the notices still pending after a few minutes (a lost message, a failed worker)."""
    from .services import notices_pending_requeue

    return notices_pending_requeue()


@shared_task(name="gongkai.foi.notice_email_send", acks_late=True, reject_on_worker_lost=True)
def notice_email_send_task(notice_id: int):
    """E-mail the applicant about an issued notice; a notice already mailed is not mailed again."""
    from .models import Notice
    from .services import notice_email_send

    notice = Notice.objects.filter(pk=notice_id).first()
    return notice_email_send(notice=notice) if notice is not None else False


@shared_task(name="gongkai.foi.notice_emails_pending_send")
def notice_emails_pending_send_task():
    """Queue again the applicant e-mails that a mail server refused or a lost message never sent."""
    from .services import notice_emails_pending_send

    return notice_emails_pending_send()
