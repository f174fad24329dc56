"""Fuzz every operation of the JSON API from its OpenAPI schema (schemathesis + hypothesis):
anonymous and as a signed-in superuser, no response may be a server error, none may hang.

Schemathesis generates the requests from /api/openapi.json; they are sent through Django's test
client so they run inside the test's database transaction.
"""
import json
import os
import time
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings as hsettings

# A few examples per operation in `make test`; `make test-drills` runs many more (GONGKAI_FULL_FUZZ=1).
MAX_EXAMPLES = 60 if os.environ.get("GONGKAI_FULL_FUZZ") == "1" else 5
SLOW_SECONDS = 10


def _operations():
    # Fetched through the test client: a raw WSGI call would close the test's database connection.
    schema = schemathesis.openapi.from_dict(Client().get("/api/openapi.json").json())
    for result in schema.get_all_operations():
        yield result.ok()


def _send(client, case):
    path = case.formatted_path
    if not path.startswith("/api/"):
        path = "/api" + path
    if case.query:
        path += "?" + urlencode(case.query, doseq=True)
    headers = {k: str(v) for k, v in (case.headers or {}).items() if k.lower() not in {"content-type", "content-length"}}
    body = getattr(case, "body", None)
    media = case.media_type or "application/json"
    has_body = body is not None and type(body).__name__ != "NotSet"
    if not has_body:
        return client.generic(case.method, path, headers=headers)
    if media.startswith("multipart/"):
        data = {k: SimpleUploadedFile(k, v) if isinstance(v, bytes) else v
                for k, v in dict(body).items() if v is not None}
        return client.post(path, data, headers=headers)
    payload = body if isinstance(body, (bytes, str)) else json.dumps(body, ensure_ascii=False)
    return client.generic(case.method, path, payload, content_type=media, headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize("as_staff", [False, True], ids=["anonymous", "superuser"])
def test_api_fuzz_no_server_errors(as_staff, admin_user):
    client = Client(raise_request_exception=False)
    if as_staff:
        client.force_login(admin_user)
    operations = list(_operations())
    assert operations, "the OpenAPI schema lists no operations"
    failures = []
    for operation in operations:
        @hsettings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
                   suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            started = time.monotonic()
            response = _send(client, case)
            elapsed = time.monotonic() - started
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} query={case.query} -> {response.status_code}")
            if elapsed > SLOW_SECONDS:
                failures.append(f"{case.method} {case.formatted_path} took {elapsed:.1f}s")

        run()
    assert not failures, "\n".join(sorted(set(failures))[:30])
