"""Derive a case's deadlines from its events (RULES.md §1.6 and §9). Pure: no writes, no "today".

Rules:
- The receipt day is not counted: `due = received + 20 working days`.
- `correction_notice_due = received + 7 working days` (the 补正 notice goes out once, by then).
- 补正 stops the clock; the corrected application's receipt date C restarts it: `due = C + 20 WD`.
- Consultation (Art. 32 third party, Art. 34 other agency) excludes the working days in (start, end];
  a window lasts at most 15 WD, and silence ends it at `start + 15 WD`.
- One extension of at most 20 WD: `due = previous due + N WD`.
- The fee payment window is 20 WD from the day after the notice is received; it excludes its
  working days from the reply clock when `fee_pauses` (settings.GONGKAI["FEE_WINDOW_PAUSES_CLOCK"]).
- Art. 35: for a request whose number or frequency is clearly unreasonable but whose reasons are
  accepted, the agency may set a reasonable later reply date (`delayed`, data {"until": ISO date});
  the due date is then the later of that date and the statutory one.
- A date computed in a year without an official calendar is provisional.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai.workdays.calendar import add_workdays, is_official_year, workdays_between

REPLY_WORKDAYS = 20
CORRECTION_NOTICE_WORKDAYS = 7
CONSULTATION_WORKDAYS = 15
MAX_EXTENSION_WORKDAYS = 20
FEE_WINDOW_WORKDAYS = 20
DEFAULT_CORRECTION_PERIOD_WORKDAYS = 15

CLOCK_KINDS = frozenset({
    "correction_requested", "correction_received", "correction_lapsed", "consultation_started",
    "consultation_ended", "extended", "fee_notified", "fee_paid", "fee_lapsed", "delayed",
})


class ClockError(ValueError):
    """The events cannot happen in this order (the message is shown to the user)."""


@dataclass(frozen=True)
class ClockEvent:
    kind: str
    date: dt.date
    data: dict = field(default_factory=dict)


@dataclass
class Pause:
    reason: str  # "consultation" | "fee"
    start: dt.date
    end: dt.date
    workdays: int
    open: bool  # the end is projected (no reply / payment yet)


@dataclass
class ClockResult:
    received: dt.date
    base: dt.date  # the date the current clock runs from (receipt or corrected receipt)
    due: dt.date | None  # None while waiting for a correction, or once the clock stopped
    correction_notice_due: dt.date
    correction_due: dt.date | None
    fee_due: dt.date | None
    paused_workdays: int
    extension_workdays: int
    provisional: bool
    waiting: str | None  # "correction" | "consultation" | "fee" | None
    stopped: str | None  # "correction_lapsed" | "fee_lapsed" | None
    pauses: list
    steps: list  # [{"date": iso, "text": str}] — how the due date was computed

    def to_dict(self) -> dict:
        def iso(d):
            return d.isoformat() if d else None

        return {
            "received": iso(self.received), "base": iso(self.base), "due": iso(self.due),
            "correction_notice_due": iso(self.correction_notice_due),
            "correction_due": iso(self.correction_due), "fee_due": iso(self.fee_due),
            "paused_workdays": self.paused_workdays, "extension_workdays": self.extension_workdays,
            "provisional": self.provisional, "waiting": self.waiting, "stopped": self.stopped,
            "pauses": [{"reason": p.reason, "start": iso(p.start), "end": iso(p.end),
                        "workdays": p.workdays, "open": p.open} for p in self.pauses],
            "steps": self.steps,
        }


def _step(steps, date, text):
    steps.append({"date": date.isoformat(), "text": text})


def clock_compute(*, received: dt.date, events=(), fee_pauses: bool = True) -> ClockResult:
    """Return the deadlines of a case received on `received` with `events` (ClockEvent-like)."""
    # Stable sort: events of the same day keep the order in which they were recorded.
    events = sorted((e for e in events if e.kind in CLOCK_KINDS), key=lambda e: e.date)
    steps: list = []
    base = received
    notice = add_workdays(received, CORRECTION_NOTICE_WORKDAYS)
    correction_provisional = False
    _step(steps, received, _("收到申请（收到之日不计入）；答复期限 = 收到之日起第 %(n)d 个工作日；"
                             "补正告知期限 = 第 7 个工作日，即 %(notice)s")
          % {"n": REPLY_WORKDAYS, "notice": notice.date.isoformat()})
    waiting = stopped = None
    correction_due = None
    correction_requested = False
    pauses: list[Pause] = []
    extension = 0
    consult_start = None
    consult_limit = None
    fee_start = None
    fee_due = None
    fee_provisional = False
    delayed_until = None

    for ev in events:
        if stopped:
            raise ClockError(_("案件期限已终止，不能再记录“%(kind)s”。") % {"kind": ev.kind})
        if ev.date < received:
            raise ClockError(_("事项日期 %(date)s 早于收到申请日期。") % {"date": ev.date.isoformat()})
        kind = ev.kind
        if kind == "correction_requested":
            if correction_requested:
                raise ClockError(_("补正只能告知一次（条例第三十条）。"))
            if waiting:
                raise ClockError(_("征求意见或缴费期间不能告知补正。"))
            correction_requested = True
            days = int(ev.data.get("days") or DEFAULT_CORRECTION_PERIOD_WORKDAYS)
            d = add_workdays(ev.date, days)
            correction_due, correction_provisional = d.date, d.provisional
            waiting = "correction"
            late = ev.date > notice.date
            _step(steps, ev.date, _("告知补正，答复期限停止计算；补正期限 %(days)d 个工作日，至 %(due)s")
                  % {"days": days, "due": d.date.isoformat()}
                  + (_("（注意：超过7个工作日的补正告知期限）") if late else ""))
        elif kind == "correction_received":
            if waiting != "correction":
                raise ClockError(_("没有待补正的告知，不能记录收到补正。"))
            waiting = None
            base = ev.date
            pauses, extension = [], 0
            _step(steps, ev.date, _("收到补正后的申请，答复期限自该日重新起算（条例第三十条）"))
        elif kind == "correction_lapsed":
            if waiting != "correction":
                raise ClockError(_("没有待补正的告知。"))
            stopped = "correction_lapsed"
            _step(steps, ev.date, _("申请人逾期未补正，视为放弃申请，不再处理"))
        elif kind == "consultation_started":
            if waiting:
                raise ClockError(_("已有未结束的补正、征求意见或缴费事项。"))
            waiting = "consultation"
            consult_start = ev.date
            limit = add_workdays(ev.date, CONSULTATION_WORKDAYS)
            consult_limit = limit.date
            _step(steps, ev.date, _("开始征求意见，答复期限暂停；意见期限 15 个工作日，至 %(limit)s")
                  % {"limit": consult_limit.isoformat()})
        elif kind == "consultation_ended":
            if waiting != "consultation":
                raise ClockError(_("没有进行中的征求意见。"))
            end = min(ev.date, consult_limit)
            n = workdays_between(consult_start, end)
            pauses.append(Pause("consultation", consult_start, end, n, False))
            _step(steps, ev.date, _("征求意见结束（%(start)s 至 %(end)s，不计入 %(n)d 个工作日）")
                  % {"start": consult_start.isoformat(), "end": end.isoformat(), "n": n})
            waiting = consult_start = consult_limit = None
        elif kind == "extended":
            if extension:
                raise ClockError(_("延期只能一次（条例第三十三条）。"))
            n = int(ev.data.get("workdays") or MAX_EXTENSION_WORKDAYS)
            if not 1 <= n <= MAX_EXTENSION_WORKDAYS:
                raise ClockError(_("延长期限最长不超过20个工作日。"))
            if waiting == "correction":
                raise ClockError(_("待补正期间不能延期。"))
            extension = n
            _step(steps, ev.date, _("经负责人批准延期 %(n)d 个工作日") % {"n": n})
        elif kind == "fee_notified":
            if waiting:
                raise ClockError(_("已有未结束的补正、征求意见或缴费事项。"))
            waiting = "fee"
            fee_start = ev.date
            d = add_workdays(ev.date, FEE_WINDOW_WORKDAYS)
            fee_due, fee_provisional = d.date, d.provisional
            _step(steps, ev.date, _("申请人收到收费通知；缴费期限自次日起 20 个工作日，至 %(due)s；%(pause)s")
                  % {"due": fee_due.isoformat(),
                     "pause": _("缴费期间答复期限暂停") if fee_pauses else _("缴费期间答复期限不暂停")})
        elif kind == "fee_paid":
            if waiting != "fee":
                raise ClockError(_("没有待缴的费用。"))
            end = min(ev.date, fee_due)
            n = workdays_between(fee_start, end) if fee_pauses else 0
            if fee_pauses:
                pauses.append(Pause("fee", fee_start, end, n, False))
            _step(steps, ev.date, _("申请人缴费") + (_("（不计入 %(n)d 个工作日）") % {"n": n} if fee_pauses else ""))
            waiting = fee_start = None
        elif kind == "fee_lapsed":
            if waiting != "fee":
                raise ClockError(_("没有待缴的费用。"))
            stopped = "fee_lapsed"
            _step(steps, ev.date, _("申请人逾期未缴费，视为放弃申请，不再处理"))
        elif kind == "delayed":
            if delayed_until is not None:
                raise ClockError(_("延迟答复期限只能确定一次。"))
            try:
                delayed_until = dt.date.fromisoformat(str(ev.data.get("until")))
            except ValueError:
                raise ClockError(_("延迟答复期限不是有效日期。"))
            if delayed_until <= ev.date:
                raise ClockError(_("延迟答复期限应晚于确定之日。"))
            _step(steps, ev.date, _("依条例第三十五条确定延迟答复期限至 %(until)s") % {"until": delayed_until.isoformat()})

    if waiting == "consultation" and not stopped:
        n = workdays_between(consult_start, consult_limit)
        pauses.append(Pause("consultation", consult_start, consult_limit, n, True))
        _step(steps, consult_start, _("尚未收到意见：按期满 %(limit)s 计算暂停（%(n)d 个工作日）")
              % {"limit": consult_limit.isoformat(), "n": n})
    if waiting == "fee" and fee_pauses and not stopped:
        n = workdays_between(fee_start, fee_due)
        pauses.append(Pause("fee", fee_start, fee_due, n, True))
        _step(steps, fee_start, _("尚未缴费：按缴费期满 %(due)s 计算暂停（%(n)d 个工作日）")
              % {"due": fee_due.isoformat(), "n": n})
    paused = sum(p.workdays for p in pauses)

    due = None
    if waiting == "correction" or stopped:
        due_provisional = False
    else:
        d = add_workdays(base, REPLY_WORKDAYS + paused + extension)
        due, due_provisional = d.date, d.provisional
        _step(steps, base, _("答复期限 = %(base)s 起第 %(n)d 个工作日（20 + 暂停 %(p)d + 延期 %(e)d）= %(due)s")
              % {"base": base.isoformat(), "n": REPLY_WORKDAYS + paused + extension, "p": paused,
                 "e": extension, "due": due.isoformat()}
              + (_("（暂定：所涉年度尚无正式节假日安排）") if due_provisional else ""))
        if delayed_until is not None and delayed_until > due:
            due, due_provisional = delayed_until, not is_official_year(delayed_until.year)
            _step(steps, base, _("按条例第三十五条确定的延迟答复期限，答复期限为 %(due)s") % {"due": due.isoformat()})
    if waiting == "correction":
        due_provisional = correction_provisional
    return ClockResult(
        received=received, base=base, due=due, correction_notice_due=notice.date,
        correction_due=correction_due, fee_due=fee_due, paused_workdays=paused,
        extension_workdays=extension,
        provisional=bool(due_provisional or (waiting == "fee" and fee_provisional)),
        waiting=None if stopped else waiting, stopped=stopped, pauses=pauses, steps=steps,
    )
