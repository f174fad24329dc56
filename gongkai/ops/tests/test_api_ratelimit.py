"""Issue 13, defect 2: every POST to the JSON API is rate-limited per client address (JSON 429 in
Chinese). The suite runs with RATELIMIT_ENABLED off; these tests turn it on."""
import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits_on(settings):
    settings.RATELIMIT_ENABLED = True
    cache.clear()
    yield settings
    cache.clear()


def test_thirty_wrong_tracking_codes_hit_a_429(limits_on):
    client = Client()
    codes = []
    for i in range(30):
        response = client.post("/api/foi/track", {"tracking_no": "YSQ-2025-000001", "code": f"WRONG{i:03d}"},
                               content_type="application/json", REMOTE_ADDR="198.51.100.7")
        codes.append(response.status_code)
    assert codes[:10] == [404] * 10
    assert set(codes[10:]) == {429}
    body = response.json()
    assert "请求过于频繁" in body["detail"] and int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("application/json")
    other = client.post("/api/foi/track", {"tracking_no": "YSQ-2025-000001", "code": "X"},
                        content_type="application/json", REMOTE_ADDR="198.51.100.8")
    assert other.status_code == 404  # another address is not affected


def test_report_checker_is_rate_limited(limits_on):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    codes = [client.post("/api/reports/check", {"file": SimpleUploadedFile("r.txt", "报告".encode())},
                         REMOTE_ADDR="198.51.100.9").status_code for _ in range(12)]
    assert 429 not in codes[:10] and codes[10:] == [429, 429]


def test_every_api_post_operation_is_limited(limits_on, client):
    """Generated from the OpenAPI schema: no POST operation is left without a limit."""
    schema = client.get("/api/openapi.json").json()
    posts = [path for path, ops in schema["paths"].items() if "post" in ops and "{" not in path]
    assert {"/api/foi/track", "/api/reports/check", "/api/review/scan"} <= set(posts)
    limits_on.RATELIMIT_API_RATES = {path: "2/m" for path in posts}
    limits_on.RATELIMIT_API_DEFAULT_RATE = "2/m"
    for path in posts:
        codes = [Client().post(path, {}, content_type="application/json", REMOTE_ADDR="198.51.100.10").status_code
                 for _ in range(3)]
        assert codes[2] == 429 and 429 not in codes[:2], (path, codes)


def test_staff_scan_is_limited_per_address(limits_on, client, reviewer_a):
    limits_on.RATELIMIT_API_RATES = {**limits_on.RATELIMIT_API_RATES, "/api/review/scan": "3/m"}
    client.force_login(reviewer_a)
    codes = [client.post("/api/review/scan", {"text": "联系电话13800138000"}, content_type="application/json",
                         REMOTE_ADDR="198.51.100.11").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
