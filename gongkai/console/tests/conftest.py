"""Helpers for the console tests: documents made through the real services, logged-in clients."""
import pytest


@pytest.fixture
def login(client_for):
    """Return a test client logged in as `user` (None: anonymous)."""
    return client_for


@pytest.fixture
def make_doc(document_factory):
    """Drafts by default, with a school-safety title the console tests look for."""
    def make(agency, status="draft", **fields):
        fields = {"title": "关于做好全市中小学校园安全工作的通知",
                  "body_html": "<p>各学校要落实安全责任。</p>", **fields}
        return document_factory(agency, status, **fields)

    return make
