from celery import shared_task


@shared_task(name="gongkai.opendata.reminders_send")
def reminders_send_task():
    """Daily: reminders for datasets behind schedule and applications past their review deadline."""
    from django.utils import timezone

    from .reminders import reminders_send

    return reminders_send(today=timezone.localdate())


@shared_task(name="gongkai.opendata.resource_analyse")
def resource_analyse_task(resource_id: int, version: int):
    """Schema, privacy scan and DataStore load of an uploaded resource version."""
    from .services import resource_analyse

    resource = resource_analyse(resource_id=resource_id, version=version)
    return resource.row_count if resource is not None else None


@shared_task(name="gongkai.opendata.resources_pending_requeue")
def resources_pending_requeue_task():
    """Queue again the analysis of tabular resources still waiting (a message lost while the broker was down)."""
    from .models import TABULAR_FORMATS, Resource, ScanStatus

    pending = Resource.objects.filter(format__in=TABULAR_FORMATS, scan_status=ScanStatus.NONE, datastore_table="")
    queued = list(pending.values_list("pk", "version"))
    for pk, version in queued:
        resource_analyse_task.delay(pk, version)
    return len(queued)
