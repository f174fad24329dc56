"""The one place that decides a notice's remedy sentence (救济途径告知).

行政复议法 (2023 revision, in force 2024-01-01) Art. 23 ¶1 (4): where an application for government
information was refused (不予公开), the applicant must first apply for 行政复议 and may sue only
against the 复议 decision (复议前置; 行政诉讼法 Art. 45: within 15 days of receiving it). For every
other act the applicant chooses: 行政复议 within 60 days (复议法 Art. 20) or 行政诉讼 within six months
(行政诉讼法 Art. 46). A 部分公开 reply carries both: 复议前置 for the part withheld, the choice for the
rest. Acts decided before 2024-01-01 fall under the 1999 law: the choice for every outcome.

The Table B rows (三)1–8 are the 不予公开 outcomes. (三)8 行政查询事项 is counted there by the annual
report; it is treated as 不予公开 here too, so the applicant is never told to sue directly where a
court may turn the suit away (RULES.md §1.4, §2.6).
"""
import datetime as dt

from django.utils.translation import gettext as _

from .models import Outcome

REVISED_LAW_IN_FORCE = dt.date(2024, 1, 1)
WITHHELD = frozenset(o for o in Outcome.values if o.startswith("withheld_"))

CHOICE = ("可以自收到{subject}之日起六十日内依法申请行政复议，"
          "或者自收到{subject}之日起六个月内依法向人民法院提起行政诉讼")
FIRST_RECONSIDERATION = ("应当自收到{subject}之日起六十日内依法申请行政复议"
                         "（《中华人民共和国行政复议法》第二十三条第一款第（四）项）；"
                         "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼")


def remedy_kind(*, outcome: str, decided: dt.date) -> str:
    """"choice", "reconsideration_first" or "split" (部分公开) for an act of `outcome` decided on `decided`."""
    if decided < REVISED_LAW_IN_FORCE:
        return "choice"
    if outcome in WITHHELD:
        return "reconsideration_first"
    if outcome == Outcome.PARTIAL:
        return "split"
    return "choice"


def remedy_sentence(*, outcome: str = "", decided: dt.date, subject: str = "") -> str:
    """The sentence telling the addressee how to challenge the act (a whole sentence, one "。").

    `outcome` is the reply's outcome ("" for procedural notices: 补正, 延期, 收费), `decided` the
    date of the act (the notice's 落款日期), `subject` what the act is called ("本答复" by default).
    """
    subject = subject or _("本答复")
    kind = remedy_kind(outcome=outcome, decided=decided)
    if kind == "reconsideration_first":
        return _("如对%(s)s不服，") % {"s": subject} + _(FIRST_RECONSIDERATION).format(subject=subject) + "。"
    if kind == "split":
        return (_("如对%(s)s中不予公开的部分不服，") % {"s": subject}
                + _(FIRST_RECONSIDERATION).format(subject=subject) + "；"
                + _("如对%(s)s的其他内容不服，") % {"s": subject} + _(CHOICE).format(subject=subject) + "。")
    return _("如对%(s)s不服，") % {"s": subject} + _(CHOICE).format(subject=subject) + "。"
