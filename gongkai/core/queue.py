"""Queue a Celery task for the rows the current transaction is writing.

With a broker (REDIS_URL set) the message is sent only once the transaction commits: a worker that
picked it up earlier would not find the rows it is to load. In the embedded default
(CELERY_TASK_ALWAYS_EAGER, no worker) the task runs at once in this process, inside the caller's
transaction, so the work and the request that asked for it are saved or rolled back together.
"""
from django.db import transaction


def task_enqueue(task, *args) -> None:
    if task.app.conf.task_always_eager:
        task.delay(*args)
        return
    transaction.on_commit(lambda: task.delay(*args))
