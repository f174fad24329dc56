"""Who is asking: the client's address as seen through the trusted reverse proxy."""
from django.conf import settings


def client_ip(request) -> str:
    """Return the client's IP address.

    Behind nginx (BEHIND_PROXY=1) the proxy sets X-Real-IP to the connecting address; otherwise the
    socket's address is the only one to trust (a client can write any X-Forwarded-For it likes).
    """
    meta = request.META
    if getattr(settings, "BEHIND_PROXY", False):
        real = meta.get("HTTP_X_REAL_IP", "").strip()
        if real:
            return real[:64]
        forwarded = [p.strip() for p in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if forwarded:
            return forwarded[-1][:64]
    return (meta.get("REMOTE_ADDR") or "unknown")[:64]
