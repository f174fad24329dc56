"""Hooks other apps connect to. Receivers run inside the caller's transaction.

- `document_pre_publish(document, actor, override_reason)`: a receiver may raise
  `gongkai.core.errors.TransitionError` to stop publication (the review app does).
- `document_changed(document, action)`: after any change a public reader could see (the search
  index keeps itself in step through this, in the same transaction).
- `document_prepare(fields)`: sent outside any transaction before a write that will publish a document
  with these fields (the importer); a receiver may do its slow work now and keep the result, so that
  the transaction holds only the writes (the review computes and caches its report).
- `document_imported(document, fields, actor)`: the importer created `document` from a file whose
  extracted metadata is `fields` (importing.extract.EXTRACTED_KEYS), inside the creating transaction;
  a receiver keeps what the catalog does not (the columns app: the 统一登记号) and may return a
  Chinese warning for the import result.
- `import_item_done(item)`: an ImportItem of a background import has its result (and its
  document, if one was created), inside the transaction that saves both.
"""
from django.dispatch import Signal

document_pre_publish = Signal()
document_changed = Signal()
import_item_done = Signal()
document_prepare = Signal()
document_imported = Signal()
