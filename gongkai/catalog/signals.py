"""Hooks other apps connect to. Receivers run inside the caller's transaction.

- `document_pre_publish(document, actor, override_reason)`: a receiver may raise
  `gongkai.core.errors.TransitionError` to stop publication (the review app does).
- `document_changed(document, action)`: after any change a public reader could see (the search
  index keeps itself in step through this, in the same transaction).
- `import_item_done(item)`: an ImportItem of a background import has its result (and its
  document, if one was created), inside the transaction that saves both.
"""
from django.dispatch import Signal

document_pre_publish = Signal()
document_changed = Signal()
import_item_done = Signal()
