from .models import AuditEntry


def audit_entries_for(*, obj=None, object_type=None, object_id=None):
    """Return the audit rows of one object, oldest first."""
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, str(obj.pk)
    return AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id)).select_related("actor")
