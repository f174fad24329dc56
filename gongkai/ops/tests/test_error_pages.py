"""Error pages speak Chinese and need neither the database nor a signed-in user."""
import pytest
from django.test import Client


@pytest.fixture
def faults(settings):
    settings.ROOT_URLCONF = "gongkai.ops.tests.urls_faults"
    settings.DEBUG = False
    return settings


@pytest.mark.django_db
def test_missing_page_and_withdrawn_document_give_the_chinese_404(client, faults, document_factory, dept_a):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert '<html lang="zh-CN">' in text and "页面不存在" in text and 'href="/search/"' in text
    doc = document_factory(dept_a, "withdrawn")
    response = client.get(doc.get_absolute_url())
    assert response.status_code == 404 and "已撤回" in response.content.decode()


@pytest.mark.django_db
def test_forbidden_gives_the_chinese_403(client, faults):
    response = client.get("/fault/forbidden/")
    assert response.status_code == 403 and "无权访问" in response.content.decode()


@pytest.mark.django_db
def test_a_bug_gives_the_chinese_500_without_details(faults):
    client = Client(raise_request_exception=False)
    response = client.get("/fault/bug/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "系统出错" in text and "a bug" not in text and "Traceback" not in text
