"""gunicorn settings for gongkai (used by deploy/systemd/gongkai-web.service and bench/load).

Every value can be overridden from the environment: GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS.
"""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Threads let a worker overlap database and cache waits; Django is thread-safe.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so no slow leak can grow without bound.
# Restart a worker after this many requests (a guard against slow leaks). Each restart costs a
# warm-up; at 300 requests/s a low figure restarts every worker every minute, mid-burst.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
# Loaded once in the master, then forked: a new or recycled worker answers its first request at
# once instead of spending seconds importing every view (which, under load, stalled its requests).
# Nothing connects to the database or Redis at import time; post_fork drops any connection anyway.
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
# The access log is nginx's (it has the request id too); errors go to the journal.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def when_ready(server):
    """Import the whole URL map (every app's views) in the master before the workers fork, then
    freeze what is loaded: the garbage collector no longer walks the ~110,000 objects of Django,
    the URL map and the templates on its full passes (each took ~75 ms in a worker, a pause in the
    middle of some request every few hundred requests; see docs/PERFORMANCE.md), and the pages
    the workers share with the master stay shared."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns
    gc.collect()
    gc.freeze()


def post_fork(server, worker):
    """Each worker opens its own database and cache connections."""
    from django.db import connections

    connections.close_all()
