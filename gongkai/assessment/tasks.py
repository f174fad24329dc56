from celery import shared_task


@shared_task(name="gongkai.assessment.snapshot_compute")
def snapshot_compute_task():
    """Compute this month's 测评 snapshots (the dashboard reads them); last month's on the 1st too."""
    from django.utils import timezone

    from .periods import month_shift, month_start
    from .services import snapshot_compute

    today = timezone.localdate()
    if today.day == 1:
        snapshot_compute(month=month_shift(month_start(today), -1))
    return snapshot_compute(month=today)
