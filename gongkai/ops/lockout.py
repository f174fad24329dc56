"""Login throttling: after repeated failures for one username from one address, lock for a while.

Failures are counted in the shared cache per (username, client IP) and per client IP across all
usernames (password spraying). The authentication backend in auth.py refuses to check a password
while a lock is in force and says so in Chinese.
"""
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils.connection import ConnectionProxy

from .netutil import client_ip

cache = ConnectionProxy(caches, "limits")  # shared by every process (see settings.CACHES)


def _conf(name, default):
    return int(getattr(settings, name, default))


def _enabled() -> bool:
    return getattr(settings, "LOGIN_LOCKOUT_ENABLED", True)


def _keys(username: str, request) -> tuple[str, str]:
    ip = client_ip(request) if request is not None else "unknown"
    user_digest = hashlib.sha1(f"{(username or '').strip().lower()}|{ip}".encode()).hexdigest()[:24]
    ip_digest = hashlib.sha1(ip.encode()).hexdigest()[:24]
    return f"login:user:{user_digest}", f"login:ip:{ip_digest}"


def _incr(key: str, timeout: int) -> int:
    try:
        cache.add(key, 0, timeout)
        value = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout)
        value = 1
    except Exception:
        return 0
    return int(value or 0)


def login_failure_record(*, username: str, request) -> None:
    """Count one failed login; set the lock when a limit is reached."""
    if not _enabled():
        return
    window = _conf("LOGIN_LOCKOUT_SECONDS", 900)
    user_key, ip_key = _keys(username, request)
    if _incr(user_key, window) >= _conf("LOGIN_LOCKOUT_FAILURES", 5):
        cache.set(user_key + ":locked", 1, window)
    if _incr(ip_key, window) >= _conf("LOGIN_LOCKOUT_IP_FAILURES", 50):
        cache.set(ip_key + ":locked", 1, window)


def login_success_record(*, username: str, request) -> None:
    """Forget the failures of this username from this address."""
    if not _enabled():
        return
    user_key, _ip_key = _keys(username, request)
    try:
        cache.delete_many([user_key, user_key + ":locked"])
    except Exception:
        pass


def login_is_locked(*, username: str, request) -> bool:
    if not _enabled():
        return False
    user_key, ip_key = _keys(username, request)
    try:
        found = cache.get_many([user_key + ":locked", ip_key + ":locked"])
    except Exception:
        return False
    return bool(found)
