"""Queue a Celery task for the rows the current transaction is writing.

With a broker (REDIS_URL set) the message is sent only once the transaction commits: a worker that
picked it up earlier would not find the rows it is to load. If the broker cannot be reached then,
the committed work stands and the failure is logged; the app's periodic sweep (a beat entry in its
schedules.py) queues the task again once the broker is back. In the embedded default
(CELERY_TASK_ALWAYS_EAGER, no worker) the task runs at once in this process, inside the caller's
transaction, so the work and the request that asked for it are saved or rolled back together.

`task` is the task itself or its registered name ("gongkai.foi.notice_generate", as the beat
schedules name it). Services pass the name, so no services module imports a tasks module (tasks
import services: see ARCHITECTURE.md, Layers).
"""
import importlib
import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def task_resolve(task):
    """The task object for `task` or its name. A name not registered yet is looked up in its app's
    tasks module (`gongkai.<app>.<task>` in `gongkai.<app>.tasks`), then in every app's (the worker's
    own discovery)."""
    if not isinstance(task, str):
        return task
    from celery import current_app

    app = current_app._get_current_object()
    if task not in app.tasks:
        module = task.rsplit(".", 1)[0] + ".tasks"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if not (module + ".").startswith(f"{exc.name}."):
                raise
        if task not in app.tasks:
            app.loader.import_default_modules()
    return app.tasks[task]


def _send(task, args):
    try:
        task.delay(*args)
    except (BrokerError, OSError):
        logger.exception("could not queue %s%r; the periodic sweep will queue it again", task.name, args)


def task_eager() -> bool:
    """True in the embedded default: queued tasks have already run when task_enqueue returns."""
    from celery import current_app

    return bool(current_app.conf.task_always_eager)


def task_enqueue(task, *args) -> None:
    task = task_resolve(task)
    if task.app.conf.task_always_eager:
        task.delay(*args)
        return
    transaction.on_commit(lambda: _send(task, args))


def task_enqueue_on_commit(task, *args) -> None:
    """Queue `task` once the transaction commits, in the embedded default too (for side effects
    outside the database, such as e-mail, that must not happen for work that is rolled back)."""
    task = task_resolve(task)
    if task.app.conf.task_always_eager:
        transaction.on_commit(lambda: task.delay(*args))
        return
    transaction.on_commit(lambda: _send(task, args))


def _coalesce_key(name: str, args) -> str:
    return "queue:coalesce:" + name + ":" + ":".join(str(a) for a in args)


def task_enqueue_coalesced(task, *args) -> None:
    """Queue `task` after the commit unless the same task with the same arguments is already
    waiting: a burst of calls (a comment a second on one consultation) queues one task, not one
    each. The task calls `task_coalesce_release` with the same arguments before it reads its work,
    so a call that comes after that read queues it again. The marker expires after five minutes (a
    message lost while the broker was down; the periodic sweep covers that time)."""
    task = task_resolve(task)
    if task.app.conf.task_always_eager:
        task.delay(*args)
        return

    def send():
        from django.core.cache import cache

        if cache.add(_coalesce_key(task.name, args), 1, timeout=300):
            _send(task, args)

    transaction.on_commit(send)


def task_coalesce_release(name: str, *args) -> None:
    from django.core.cache import cache

    cache.delete(_coalesce_key(name, args))
