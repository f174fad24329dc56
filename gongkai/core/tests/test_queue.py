"""core.queue takes a task or its registered name, so services need not import tasks modules."""
import sys

import pytest
from celery.exceptions import NotRegistered

from gongkai.core.queue import task_resolve


def test_a_name_loads_its_apps_tasks_module(monkeypatch):
    """A web process that never imported gongkai.opendata.tasks still finds the task by its name."""
    from celery import current_app

    app = current_app._get_current_object()
    name = "gongkai.opendata.resources_pending_requeue"
    monkeypatch.delitem(sys.modules, "gongkai.opendata.tasks", raising=False)
    if name in app.tasks:
        monkeypatch.delitem(app.tasks, name)  # as in a process that has not imported it yet
    task = task_resolve(name)
    assert task.name == name and "gongkai.opendata.tasks" in sys.modules
    assert task_resolve(task) is task


def test_an_unknown_name_is_refused():
    with pytest.raises(NotRegistered):
        task_resolve("gongkai.nothing.no_such_task")


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_coalesced_calls_queues_one_task_until_it_starts(monkeypatch, settings):
    """With a broker, calls before the task has started queue it once; after the task released its
    marker (before reading its work) the next call queues it again."""
    from celery import current_app
    from django.core.cache import cache
    from django.db import transaction

    from gongkai.core import queue

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    sent = []
    monkeypatch.setattr(queue, "_send", lambda task, args: sent.append((task.name, args)))
    name = "gongkai.consultations.comments_group"
    for _ in range(5):
        with transaction.atomic():
            queue.task_enqueue_coalesced(name, 7)
    queue.task_enqueue_coalesced(name, 8)  # other arguments: a task of its own
    assert sent == [(name, (7,)), (name, (8,))]
    queue.task_coalesce_release(name, 7)  # the task started
    with transaction.atomic():
        queue.task_enqueue_coalesced(name, 7)
    assert sent[-1] == (name, (7,)) and len(sent) == 3
