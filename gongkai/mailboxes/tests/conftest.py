import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """The 工作台's reminder refresh is throttled in the cache; each test starts afresh."""
    cache.clear()
    yield
    cache.clear()
