"""Fault drills against the real production stack (`make test-drills`); not part of `make test`.

The `gongkai.ops.drills` app is installed only by `gongkai.ops.drills.settings`: it adds a slow
hook inside the publish transaction (so a process can be killed mid-write), a Celery task that
publishes a document, and a URL that publishes inside a web request.
"""
