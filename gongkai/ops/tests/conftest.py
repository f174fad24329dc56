import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Counters and cached pages must not leak between tests."""
    cache.clear()
    yield
    cache.clear()
