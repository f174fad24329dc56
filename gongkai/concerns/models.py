"""回应关切: a register of public concerns (政务舆情) and the responses published in the catalog.

The first-response deadline follows 国办发〔2016〕61号: for 特别重大、重大突发事件 authoritative
information within 5 hours and a press conference within 24 hours (`press_conference_at`, its own
deadline, state and reminder); other concerns get the period the administrator sets
(`GONGKAI["CONCERN_RESPONSE_HOURS"]`, default 48 hours) and no press-conference deadline.

A linked document is a 回应 (the earliest one dates the first response) or a 后续发布 (follow-up
publications after the first response). The status moves waiting → responded → closed (and back to
responded when reopened) only through services.concern_transition."""
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.reminders import Reminder as ReminderBase


class Level(models.TextChoices):
    MAJOR = "major", _("特别重大、重大突发事件")
    GENERAL = "general", _("一般社会关切")


class ConcernStatus(models.TextChoices):
    WAITING = "waiting", _("待回应")
    RESPONDED = "responded", _("已回应")
    CLOSED = "closed", _("已办结")


class LinkKind(models.TextChoices):
    RESPONSE = "response", _("回应")
    FOLLOWUP = "followup", _("后续发布")


class DeadlineState(models.TextChoices):
    PENDING = "pending", _("未到时限")
    OVERDUE = "overdue", _("已超时未回应")
    MET = "met", _("按时回应")
    LATE = "late", _("超时回应")


def response_hours(level: str) -> int:
    if level == Level.MAJOR:
        return 5
    return int(getattr(settings, "GONGKAI", {}).get("CONCERN_RESPONSE_HOURS", 48))


PRESS_LABELS = {DeadlineState.PENDING: _("未到时限"), DeadlineState.OVERDUE: _("已超时未举行"),
                DeadlineState.MET: _("按时举行"), DeadlineState.LATE: _("超时举行")}
PRESS_HOURS = 24  # 国办发〔2016〕61号: a press conference within 24 hours of a 特别重大、重大突发事件


def press_overdue_q(now: dt.datetime) -> Q:
    """Major concerns with no press conference recorded 24 hours after they were noticed."""
    return Q(level=Level.MAJOR, press_conference_at__isnull=True,
             noticed_at__lt=now - dt.timedelta(hours=PRESS_HOURS))


def overdue_q(now: dt.datetime) -> Q:
    """Concerns still without a first response whose deadline has passed at `now` (one condition per level)."""
    q = Q()
    for level in Level.values:
        q |= Q(level=level, noticed_at__lt=now - dt.timedelta(hours=response_hours(level)))
    return Q(first_response_at__isnull=True) & q


def _state(done_at, due, now=None) -> str:
    """met / late once done; before that overdue when `due` has passed at `now`, else pending."""
    if done_at is not None:
        return DeadlineState.MET if done_at <= due else DeadlineState.LATE
    return DeadlineState.OVERDUE if (now or timezone.now()) > due else DeadlineState.PENDING


class Concern(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="concerns", verbose_name=_("回应主体"))
    title = models.CharField(_("关切事项"), max_length=200)
    summary = models.TextField(_("情况摘要"), blank=True)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices, default=Level.GENERAL)
    noticed_at = models.DateTimeField(_("发现时间"))
    channels = models.CharField(_("回应渠道"), max_length=200, blank=True, help_text=_("如 政府网站、政务微博、新闻发布会"))
    responses = models.ManyToManyField("catalog.Document", blank=True, related_name="concerns",
                                       through="ConcernResponse", verbose_name=_("回应信息"))
    first_response_at = models.DateTimeField(_("首次回应时间"), null=True, blank=True)
    press_conference_at = models.DateTimeField(_("新闻发布会时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.WAITING)

    class Meta:
        ordering = ["-noticed_at", "-id"]
        verbose_name = _("回应关切")
        verbose_name_plural = _("回应关切")

    def __str__(self):
        return self.title

    @property
    def closed(self) -> bool:
        return self.status == ConcernStatus.CLOSED

    @property
    def response_due(self) -> dt.datetime:
        return self.noticed_at + dt.timedelta(hours=response_hours(self.level))

    @property
    def on_time(self):
        return None if self.first_response_at is None else self.first_response_at <= self.response_due

    def deadline_state(self, now=None) -> str:
        return _state(self.first_response_at, self.response_due, now)

    def deadline_label(self, now=None) -> str:
        return str(DeadlineState(self.deadline_state(now)).label)

    @property
    def press_due(self) -> dt.datetime | None:
        """When the press conference of a major concern is due (none for other concerns)."""
        return self.noticed_at + dt.timedelta(hours=PRESS_HOURS) if self.level == Level.MAJOR else None

    def press_state(self, now=None) -> str | None:
        """met / late once held; before that overdue past the 24 hours, else pending; None when not due."""
        return None if self.press_due is None else _state(self.press_conference_at, self.press_due, now)

    def press_label(self, now=None) -> str:
        state = self.press_state(now)
        return str(PRESS_LABELS[state]) if state else ""


class ConcernResponse(models.Model):
    """A published catalog document linked to a concern (the table of the former plain many-to-many)."""
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="links")
    document = models.ForeignKey("catalog.Document", on_delete=models.CASCADE, related_name="concern_links")
    kind = models.CharField(_("类型"), max_length=10, choices=LinkKind.choices, default=LinkKind.RESPONSE)

    class Meta:
        db_table = "concerns_concern_responses"
        unique_together = [("concern", "document")]
        verbose_name = _("回应信息")
        verbose_name_plural = _("回应信息")


class ConcernReminder(ReminderBase):
    """A staff reminder (core.reminders): a concern's first-response deadline has passed without a
    回应 linked. One per user and concern; shown on the 工作台 and e-mailed once."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="reminders")
    read = models.BooleanField(default=False)

    class Meta(ReminderBase.Meta):
        ordering = ["-created_at", "-id"]
