from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from . import calendar
from .models import CalendarDay, CalendarYear

# Sent after the calendar changed, so apps that derive dates from it can recompute.
calendar_changed = Signal()


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def _calendar_touched(sender, instance, **kwargs):
    calendar.invalidate()
    year = instance.date.year if isinstance(instance, CalendarDay) else instance.year
    calendar_changed.send(sender=sender, year=year)
