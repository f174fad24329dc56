import pytest
from django.test import Client


@pytest.fixture
def lockout_on(settings):
    settings.LOGIN_LOCKOUT_ENABLED = True
    settings.LOGIN_LOCKOUT_FAILURES = 5
    settings.LOGIN_LOCKOUT_SECONDS = 900
    return settings


def _login(client, username, password, ip="10.0.0.1"):
    return client.post("/console/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_five_failures_lock_the_username_for_that_address(client, lockout_on, editor_a):
    for _ in range(5):
        response = _login(client, "editor_a", "wrong-password")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = _login(client, "editor_a", "pw-Test-12345")
    assert "_auth_user_id" not in client.session
    assert "已被暂时锁定" in response.content.decode()
    assert "15 分钟" in response.content.decode()
    # another address is not locked out by someone else's failures
    other = Client()
    _login(other, "editor_a", "pw-Test-12345", ip="10.0.0.2")
    assert other.session.get("_auth_user_id") == str(editor_a.pk)


@pytest.mark.django_db
def test_success_resets_the_counter(client, lockout_on, editor_a):
    for _ in range(4):
        _login(client, "editor_a", "wrong-password")
    _login(client, "editor_a", "pw-Test-12345")
    assert client.session.get("_auth_user_id") == str(editor_a.pk)
    client.logout()
    for _ in range(4):
        _login(client, "editor_a", "wrong-password")
    _login(client, "editor_a", "pw-Test-12345")
    assert client.session.get("_auth_user_id") == str(editor_a.pk)


@pytest.mark.django_db
def test_password_spraying_from_one_address_is_locked(client, lockout_on, settings, editor_a):
    settings.LOGIN_LOCKOUT_IP_FAILURES = 10
    for i in range(10):
        _login(client, f"user{i}", "guess")
    response = _login(client, "editor_a", "pw-Test-12345")
    assert "_auth_user_id" not in client.session
    assert "已被暂时锁定" in response.content.decode()


@pytest.mark.django_db
def test_lockout_is_off_when_disabled(client, settings, editor_a):
    settings.LOGIN_LOCKOUT_ENABLED = False
    for _ in range(8):
        _login(client, "editor_a", "wrong-password")
    _login(client, "editor_a", "pw-Test-12345")
    assert client.session.get("_auth_user_id") == str(editor_a.pk)


@pytest.mark.django_db
def test_public_post_rate_limited_per_ip(settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_POST_RATE = "3/h"
    client = Client(enforce_csrf_checks=False)
    codes = [client.post("/apply/", {}, REMOTE_ADDR="10.1.1.1").status_code for _ in range(4)]
    assert codes[:3] != [429] * 3 and 429 not in codes[:3]
    assert codes[3] == 429
    response = client.post("/apply/", {}, REMOTE_ADDR="10.1.1.1")
    assert int(response["Retry-After"]) > 0
    assert "提交过于频繁" in response.content.decode()
    assert client.post("/apply/", {}, REMOTE_ADDR="10.1.1.2").status_code != 429
    assert client.get("/apply/", REMOTE_ADDR="10.1.1.1").status_code != 429  # reading is never limited


@pytest.mark.django_db
def test_ratelimit_decorator(rf, settings):
    from django.http import HttpResponse

    from gongkai.ops.ratelimit import ratelimit

    settings.RATELIMIT_ENABLED = True

    @ratelimit(scope="comment-test", limit=2, window=60)
    def view(request):
        return HttpResponse("ok")

    codes = [view(rf.post("/comment/", REMOTE_ADDR="10.2.2.2")).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_client_ip_trusts_proxy_only_when_configured(rf, settings):
    from gongkai.ops.netutil import client_ip

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "127.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.9"


def test_cookie_and_session_settings(settings):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" and settings.CSRF_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.AUTHENTICATION_BACKENDS == ["gongkai.ops.auth.ThrottledModelBackend"]
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"MinimumLengthValidator", "CommonPasswordValidator", "NumericPasswordValidator"} <= set(names)
