"""Fixtures shared by every app's tests: a small agency tree and a user for each role."""
import datetime as dt
import shutil

import pytest
from django.test import Client

from gongkai.agencies.models import Agency, Membership, Role


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads into its own temporary folder, removed afterwards."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTEGRITY_CHECKPOINT_DIR = tmp_path / "checkpoints"  # never a developer's real checkpoints
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _search_index_dir(settings, tmp_path):
    """Every test gets its own search index directory (the database is rolled back after each test)."""
    from gongkai.search.index_read import readers_forget

    settings.SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    readers_forget()
    yield
    readers_forget()
    shutil.rmtree(tmp_path / "search-index", ignore_errors=True)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Users are made by the hundred in tests; a fast hasher keeps the suite quick (login still checks it)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_for():
    """Return a test client logged in as `user` (None: anonymous)."""
    def make(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def document_factory():
    """Create a document in `agency` and walk it to `status` through document_transition."""
    from gongkai.catalog.services import document_create, document_transition

    steps = {"draft": [], "pending": ["submit"], "published": ["submit", "publish"],
             "withdrawn": ["submit", "publish", "withdraw"]}

    def make(agency, status="draft", **fields):
        values = {"title": "关于做好2024年防汛工作的通知", "written_date": dt.date(2024, 5, 6),
                  "publish_date": dt.date(2024, 5, 8), "body_html": "<p>各单位做好防汛准备。</p>",
                  "validity": "valid"}
        values.update(fields)
        document = document_create(agency=agency, actor=None, **values)
        for step in steps[status]:
            document = document_transition(document=document, action=step, actor=None, reason="测试准备")
        return document

    return make


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    from gongkai.workdays import calendar

    calendar.invalidate()
    yield


@pytest.fixture
def city(db):
    return Agency.objects.create(name="示范市人民政府", short_name="市政府", slug="city",
                                 kind=Agency.Kind.GOVERNMENT, level=Agency.Level.CITY,
                                 uscc="11330600002577014T")


@pytest.fixture
def dept_a(city):
    return Agency.objects.create(name="示范市教育局", short_name="市教育局", slug="edu",
                                 kind=Agency.Kind.DEPARTMENT, level=Agency.Level.CITY, parent=city,
                                 org_code="000014349")


@pytest.fixture
def dept_b(city):
    return Agency.objects.create(name="示范市财政局", short_name="市财政局", slug="fin",
                                 kind=Agency.Kind.DEPARTMENT, level=Agency.Level.CITY, parent=city)


@pytest.fixture
def make_user(db, django_user_model):
    def make(username, agency=None, *roles, **extra):
        user = django_user_model.objects.create_user(username=username, password="pw-Test-12345", **extra)
        for role in roles:
            Membership.objects.create(user=user, agency=agency, role=role)
        return user

    return make


@pytest.fixture
def editor_a(make_user, dept_a):
    return make_user("editor_a", dept_a, Role.EDITOR)


@pytest.fixture
def reviewer_a(make_user, dept_a):
    return make_user("reviewer_a", dept_a, Role.REVIEWER)


@pytest.fixture
def editor_b(make_user, dept_b):
    return make_user("editor_b", dept_b, Role.EDITOR)


@pytest.fixture
def reviewer_b(make_user, dept_b):
    return make_user("reviewer_b", dept_b, Role.REVIEWER)


@pytest.fixture
def office_city(make_user, city):
    return make_user("office_city", city, Role.OFFICE)


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser(username="root", password="pw-Test-12345")


@pytest.fixture
def published_doc(dept_a):
    """A published document in dept_a, made through the real services."""
    import datetime as dt

    from gongkai.catalog.services import document_create, document_transition

    doc = document_create(agency=dept_a, actor=None, title="示范市教育局关于做好2024年政务公开工作的通知",
                          doc_no="示教发[2024]3号", written_date=dt.date(2024, 3, 1),
                          publish_date=dt.date(2024, 3, 5), validity="valid",
                          body_html="<h2>一、总体要求</h2><p>坚持以公开为常态、不公开为例外。</p>")
    document_transition(document=doc, action="submit", actor=None)
    return document_transition(document=doc, action="publish", actor=None)


@pytest.fixture(scope="session")
def realworld():
    """The real-world development set (../shared/realworld) and the bench part loader.

    Returns `(root, load_part)`; `load_part("spam").evaluate(root)` gives that part's summary, which
    the floor tests check. Skips where the shared folder is not beside the clone.
    """
    import importlib.util
    from pathlib import Path

    bench = Path(__file__).resolve().parent.parent / "bench" / "realworld.py"
    spec = importlib.util.spec_from_file_location("bench_realworld", bench)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = module.realworld_root()
    if not root.is_dir():
        pytest.skip(f"real-world set not found at {root}")
    return root, module.load_part
