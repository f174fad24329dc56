"""The one shape of a staff reminder: a row per user and fact, shown on the 工作台 and e-mailed once.

Each app keeps its own table (what it reminds about differs: a case, a task, a proposal, an account,
a URL) as a concrete subclass of `Reminder`; `reminder_send` records one reminder and mails it.
`key` names the fact (e.g. "overdue:<pk>:<due date>"): the unique (user, key) pair makes every
reminder job safe to run again, from the daily beat entry or from a 工作台 visit.

Deadlines themselves come from `workdays` (or the app's `deadlines.py`); this module only records
and sends what an app found due.
"""
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX = 300


class Reminder(models.Model):
    """Abstract: one reminder of `key` to `user`. Subclasses add what the reminder is about and how it
    is read (`read` or `read_at`); a subclass may override a field (its related_name, a shorter key)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    message = models.CharField(_("内容"), max_length=MESSAGE_MAX)
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="%(app_label)s_reminder_once")]

    def __str__(self):
        return self.message


def reminder_send(model, *, user, key: str, message: str, subject: str, path: str, email: bool = True,
                  **fields) -> bool:
    """Record reminder `key` for `user` in `model` (a Reminder subclass) with `fields` (what it is
    about) and e-mail it once, with the link SITE_URL + `path` (not with `email=False`: the demo).
    Returns False when that user already had that reminder. The mail is sent after the row is saved;
    a mail server that fails is ignored (the reminder stays on the 工作台)."""
    try:
        with transaction.atomic():
            note = model.objects.create(user=user, key=key, message=message[:MESSAGE_MAX], **fields)
    except IntegrityError:
        return False  # already reminded
    if email and user.email:
        send_mail(subject=subject, message=message + "\n" + settings.SITE_URL + path, from_email=None,
                  recipient_list=[user.email], fail_silently=True)
        model.objects.filter(pk=note.pk).update(emailed=True)
    return True



def reminder_send_each(model, *, users, only_user=None, **kwargs) -> int:
    """`reminder_send` of the same reminder to each of `users` (the members an agency's reminders go
    to), or only to `only_user` among them (a 工作台 visit refreshes the visitor's own). Returns how
    many were new."""
    return sum(reminder_send(model, user=user, **kwargs) for user in users
               if only_user is None or user.pk == only_user.pk)
