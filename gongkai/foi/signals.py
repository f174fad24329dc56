"""The app's hooks, which other apps (and the fault drills) connect to; receivers run inside the
caller's transaction:
- `case_changed(case, action)`: `case_transition` took `action`, after its rows and audit row.
- `notice_issued(notice)`: a notice's .docx is in storage and its row is being marked issued.

The app's own receivers are in receivers.py.
"""
from django.dispatch import Signal

case_changed = Signal()
notice_issued = Signal()
