"""Helpers for the console tests: documents made through the real services, logged-in clients."""
import datetime as dt

import pytest
from django.test import Client

from gongkai.catalog.services import document_create, document_transition


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Users are made in bulk here; a fast hasher keeps the suite quick (login still checks it)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def login():
    """Return a test client logged in as `user` (None: anonymous)."""
    def make(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def make_doc():
    """Create a document in `agency` and walk it to `status` through document_transition."""
    steps = {"draft": [], "pending": ["submit"], "published": ["submit", "publish"],
             "withdrawn": ["submit", "publish", "withdraw"]}

    def make(agency, status="draft", **fields):
        values = {"title": "关于做好全市中小学校园安全工作的通知", "written_date": dt.date(2024, 5, 6),
                  "publish_date": dt.date(2024, 5, 8), "body_html": "<p>各学校要落实安全责任。</p>",
                  "validity": "valid"}
        values.update(fields)
        document = document_create(agency=agency, actor=None, **values)
        for step in steps[status]:
            document = document_transition(document=document, action=step, actor=None, reason="测试准备")
        return document

    return make
