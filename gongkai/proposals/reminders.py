"""Due-soon and overdue reminders for 建议提案: one ProposalReminder per user and fact, e-mailed once.
The daily beat entry runs `reminders_send`; the console's 工作台 runs `reminders_refresh` for the user
on its page (the embedded default has no scheduler). Safe to run repeatedly."""
import datetime as dt

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.models import Membership
from gongkai.core.reminders import reminder_send

from .deadlines import DUE_SOON_DAYS
from .models import Proposal, ProposalReminder, ProposalStatus
from .transitions import HANDLE_ROLES

OPEN = (ProposalStatus.ASSIGNED, ProposalStatus.REPLIED, ProposalStatus.SUBMITTED)
REFRESH_SECONDS = 300


def reminder_facts(*, proposal, today: dt.date) -> list[tuple[str, str]]:
    """(key, message) pairs for what needs attention on `proposal` today."""
    label = f"{proposal.session}第{proposal.number}号"
    facts = []
    if proposal.status == ProposalStatus.ASSIGNED:
        if proposal.due_date < today:
            facts.append((f"proposal-overdue:{proposal.pk}:{proposal.due_date}",
                          _("%(no)s“%(t)s”已超过办理期限（%(due)s），尚未答复。")
                          % {"no": label, "t": proposal.title[:40], "due": proposal.due_date}))
        elif proposal.due_date <= today + dt.timedelta(days=DUE_SOON_DAYS):
            facts.append((f"proposal-due:{proposal.pk}:{proposal.due_date}",
                          _("%(no)s“%(t)s”将于 %(due)s 到期，请按时答复。")
                          % {"no": label, "t": proposal.title[:40], "due": proposal.due_date}))
    elif proposal.status in (ProposalStatus.REPLIED, ProposalStatus.SUBMITTED) and proposal.publish_due:
        if proposal.publish_due < today:
            facts.append((f"proposal-publish-overdue:{proposal.pk}:{proposal.publish_due}",
                          _("%(no)s的复文已超过公开期限（%(due)s），尚未公开。") % {"no": label, "due": proposal.publish_due}))
        elif proposal.status == ProposalStatus.REPLIED and proposal.publish_due <= today + dt.timedelta(days=5):
            facts.append((f"proposal-publish-due:{proposal.pk}:{proposal.publish_due}",
                          _("%(no)s的复文须于 %(due)s 前公开。") % {"no": label, "due": proposal.publish_due}))
    return facts


def _recipients(proposal, members) -> list:
    return sorted({m.user for m in members.get(proposal.lead_id, []) if m.user.is_active}, key=lambda u: u.pk)


def _members(agency_ids) -> dict:
    members = {}
    for m in Membership.objects.filter(agency_id__in=agency_ids, role__in=[str(r) for r in HANDLE_ROLES]) \
            .select_related("user"):
        members.setdefault(m.agency_id, []).append(m)
    return members


def _remind(proposal, today, members, only_user=None) -> int:
    created = 0
    for key, message in reminder_facts(proposal=proposal, today=today):
        users = [only_user] if only_user is not None else _recipients(proposal, members)
        for user in users:
            created += reminder_send(ProposalReminder, user=user, key=key, message=message, proposal=proposal,
                                     subject=_("【建议提案办理提醒】%(t)s") % {"t": proposal.title[:40]},
                                     path=reverse("proposals_staff:detail", args=[proposal.pk]))
    return created


def reminders_send(*, today: dt.date) -> int:
    """Create today's reminders for the 主办单位's staff and e-mail each new one."""
    proposals = list(Proposal.objects.filter(status__in=OPEN).select_related("lead"))
    members = _members({p.lead_id for p in proposals})
    return sum(_remind(p, today, members) for p in proposals)


def reminders_refresh(*, user, today: dt.date) -> int:
    """Compute the reminders of the proposals the user handles now (at most once per user every few
    minutes), so the embedded default has them and e-mails them without Celery."""
    from gongkai.agencies.selectors import agency_ids_for_user

    ids = agency_ids_for_user(user=user, roles=HANDLE_ROLES)
    if not ids:
        return 0
    key = f"proposal-reminders:{user.pk}:{user.date_joined.timestamp()}:{today.isoformat()}"
    if not cache.add(key, 1, REFRESH_SECONDS):
        return 0
    proposals = Proposal.objects.filter(lead_id__in=ids, status__in=OPEN).select_related("lead")
    return sum(_remind(p, today, {}, only_user=user) for p in proposals)


def reminders_for_user(*, user, unread_only=True):
    qs = ProposalReminder.objects.filter(user=user).select_related("proposal")
    return qs.filter(read_at__isnull=True) if unread_only else qs
