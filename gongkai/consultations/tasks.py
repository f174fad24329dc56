from celery import shared_task


@shared_task(name="gongkai.consultations.comments_group")
def comments_group_task(consultation_id: int):
    """Put the consultation's new comments into their 同类意见 groups (idempotent)."""
    from gongkai.core.queue import task_coalesce_release

    from .ledger import GROUP_BATCH, comments_group

    task_coalesce_release("gongkai.consultations.comments_group", consultation_id)  # before reading the work
    done = n = comments_group(consultation_id=consultation_id)
    while n == GROUP_BATCH:
        n = comments_group(consultation_id=consultation_id)
        done += n
    return done


@shared_task(name="gongkai.consultations.comments_group_sweep")
def comments_group_sweep_task():
    """Every minute: group what a lost message (broker down at the commit) left ungrouped."""
    from .ledger import comments_group
    from .models import Comment

    ids = set(Comment.objects.filter(grouped=False).values_list("consultation_id", flat=True).distinct())
    return sum(comments_group_task(pk) for pk in sorted(ids))


@shared_task(name="gongkai.consultations.reminders_send")
def reminders_send_task():
    """Daily: remind the agencies whose 意见采纳情况反馈 is overdue (e-mailed once per due day)."""
    from django.utils import timezone

    from .reminders import reminders_send

    return reminders_send(today=timezone.localdate())
