"""gunicorn settings for gongkai (used by deploy/systemd/gongkai-web.service and bench/load).

Every value can be overridden from the environment: GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS.
"""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# One request at a time per process (sync workers; nginx buffers slow clients in front of them).
# A worker takes a new connection only when it is free, so requests go to whichever is idle, and
# no thread waits for the interpreter lock behind another's page rendering. Measured on the search
# page at 150 requests/s (docs/PERFORMANCE.md): 3 gthread workers × 4 threads behind kept-alive
# upstream connections gave p99 450–760 ms (one worker held 41 of 64 connections and hit the limit
# of one process); 5 sync workers without upstream keep-alive gave 49–52 ms. GUNICORN_THREADS > 1
# switches to threaded workers (gthread) for deployments that prefer them.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync" if threads == 1 else "gthread")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5  # for threaded workers; sync workers close each connection (nginx reconnects, no keep-alive)
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
