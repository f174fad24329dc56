"""Fault drills against the real production stack (`make test-drills`); not part of `make test`.

The `gongkai.ops.drills` app is installed only by `gongkai.ops.drills.settings`: it adds pauses at
the end of the publish, import-item, case-action and notice-generation transactions (hooks.py, so a
process can be killed mid-write), a Celery task that publishes a document, and URLs that publish,
run an import job or take an action on an application inside a web request.
"""
