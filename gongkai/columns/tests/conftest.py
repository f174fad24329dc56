import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Column counts and the once-a-day expiry sweep are cached; each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _statute_columns(db):
    """The data migration's columns (a transactional test elsewhere may have flushed them)."""
    import importlib

    from django.apps import apps

    importlib.import_module("gongkai.columns.migrations.0002_default_columns").load(apps, None)
