"""Issue 13 defect 13: the Chinese page on a CSRF failure; lockouts and rate limits shared by processes."""
import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client


@pytest.mark.django_db
def test_csrf_failure_shows_the_chinese_403_page():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for url, data in (("/apply/", {"applicant_name": "张三"}), ("/console/login/", {"username": "a", "password": "b"})):
        response = client.post(url, data)
        assert response.status_code == 403
        html = response.content.decode()
        assert "页面已过期" in html and "请返回上一页，刷新后重新填写并提交" in html
        assert "CSRF verification failed" not in html and "Forbidden" not in html
        assert 'lang="zh-CN"' in html


def test_embedded_default_keeps_limits_in_the_database():
    """Without Redis, counters live in Django's database cache, not in each process's memory."""
    if settings.REDIS_URL:
        pytest.skip("Redis configured: limits share the Redis cache")
    assert settings.CACHES["limits"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.django_db
def test_a_lockout_is_seen_by_another_process(client, settings, editor_a):
    """Five failures through one cache connection lock the user for a fresh connection (another worker)."""
    settings.LOGIN_LOCKOUT_ENABLED = True
    settings.LOGIN_LOCKOUT_FAILURES = 5
    for _ in range(5):
        client.post("/console/login/", {"username": "editor_a", "password": "wrong"}, REMOTE_ADDR="10.9.0.1")
    other_process = caches.create_connection("limits")  # a new cache object, as another worker has
    locked = [k for k in _cache_keys() if k.endswith(":locked")]
    assert locked, "the lock must be written to the shared table"
    assert all(other_process.get(k.split(":", 2)[-1]) == 1 for k in locked)
    response = Client().post("/console/login/", {"username": "editor_a", "password": "pw-Test-12345"},
                             REMOTE_ADDR="10.9.0.1")
    assert "已被暂时锁定" in response.content.decode()


def _cache_keys():
    if settings.REDIS_URL:
        pytest.skip("Redis configured")
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM gongkai_cache")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_api_csrf_failure_is_chinese_json(editor_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    response = client.post("/api/review/scan", {"text": "测试"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"] == "安全校验（CSRF）未通过，请刷新页面后重试。"
