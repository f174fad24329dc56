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
