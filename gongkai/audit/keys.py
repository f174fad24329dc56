"""The audit chain's HMAC key, kept outside the database.

`AUDIT_HMAC_KEY` (environment) wins; otherwise the key file `AUDIT_KEY_FILE` (default
`VAR_DIR/audit.key`) is read, and created on first use with mode 0600 (32 random bytes, hex). Someone
who can write the database but cannot read this key cannot produce a valid chain row, so recomputing
the chain after an edit is detected. Back the key up apart from the database: without it the rows
written since the key mark cannot be verified.
"""
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from django.conf import settings

_cache: dict = {}


def key_file() -> Path:
    configured = getattr(settings, "AUDIT_KEY_FILE", "") or ""
    return Path(configured) if configured else Path(settings.VAR_DIR) / "audit.key"


def _read_or_create(path: Path) -> bytes:
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as fh:
        fh.write(secrets.token_hex(32).encode())
        fh.flush()
        os.fsync(fh.fileno())
    return path.read_bytes().strip()


def audit_key() -> bytes:
    """The key bytes (environment first, then the key file, created when missing)."""
    env = getattr(settings, "AUDIT_HMAC_KEY", "") or ""
    cache_key = ("env", env) if env else ("file", str(key_file()))
    key = _cache.get(cache_key)
    if key is None:
        key = env.encode() if env else _read_or_create(key_file())
        if len(key) < 16:
            raise RuntimeError("AUDIT_HMAC_KEY is too short (at least 16 characters; 64 hex digits recommended)")
        _cache[cache_key] = key
    return key


def key_id(key: bytes | None = None) -> str:
    """A public fingerprint of the key (tells a wrong key from a tampered chain)."""
    return hmac.new(key or audit_key(), b"gongkai-audit-key-id", hashlib.sha256).hexdigest()[:16]


def keyed_hash(data: bytes, key: bytes | None = None) -> str:
    return hmac.new(key or audit_key(), data, hashlib.sha256).hexdigest()
