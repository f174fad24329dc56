"""Every write to 依申请公开 cases. Each runs in a transaction, locks the case row, checks the actor's
role for the case's agency and leaves an audit row. `actor=None` is the system (demo data, tasks).

The status of a case changes only in `case_transition`. Due dates are never written by hand: they
are derived from the case's events by clock.py in `case_recompute`.

The writes live in this package by what they hold: `registration` (creating cases), `deadlines`
(the clock's derived dates), `transition` (the one status function and its fee), `notice_issue`
(notices: render, retry, e-mail), `notice_templates`, `after_answer` (appeals, 转主动公开) and
`common` (what they share). Callers import from `gongkai.foi.services`. No module here imports a
tasks module: tasks are queued by name through `core.queue` (see ARCHITECTURE.md, Layers).
"""
from gongkai.core.querycode import query_code_hash, query_code_new

from ..selectors import query_code_matches
from .after_answer import appeal_add, appeal_update, case_publish_proactively
from .common import review_submitted_text, today
from .deadlines import DERIVED, case_clock, case_recompute, cases_recompute
from .notice_issue import (DOCX_MIME, NOTICE_EMAIL_WINDOW, notice_email_send, notice_emails_pending_send,
                           notice_generate, notice_retry, notices_pending_requeue)
from .notice_templates import notice_template_reset, notice_template_set
from .registration import APPLICANT_FIELDS, applicant_key, case_register, case_submit_online
from .transition import case_fee_preview, case_transition

__all__ = [
    "APPLICANT_FIELDS", "DERIVED", "DOCX_MIME", "NOTICE_EMAIL_WINDOW", "appeal_add", "appeal_update",
    "applicant_key", "case_clock", "case_fee_preview", "case_publish_proactively", "case_recompute",
    "case_register", "case_submit_online", "case_transition", "cases_recompute", "notice_email_send",
    "notice_emails_pending_send", "notice_generate", "notice_retry", "notice_template_reset",
    "notice_template_set", "notices_pending_requeue", "query_code_hash", "query_code_matches", "query_code_new",
    "review_submitted_text", "today",
]
