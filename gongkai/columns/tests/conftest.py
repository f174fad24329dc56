import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Column counts and the once-a-day expiry sweep are cached; each test starts afresh."""
    cache.clear()
    yield
    cache.clear()
