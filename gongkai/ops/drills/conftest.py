"""The drills' stack (private PostgreSQL, Redis, gunicorn, a Celery worker; nginx on demand), started
once for every drill module, and the people who act in them."""
import os

import pytest

from gongkai.ops.drills.common import BASE_PORT, RUN_DIR, SLOW

from stack import Stack  # noqa: E402  (bench/load, put on the path by common)


@pytest.fixture(scope="session")
def stack():
    import shutil

    shutil.rmtree(RUN_DIR, ignore_errors=True)
    s = Stack(RUN_DIR, base_port=BASE_PORT, db_name="gongkai_drills", web_workers=2, web_threads=2,
              settings_module="gongkai.ops.drills.settings",
              extra_env={"DRILL_SLOW_FILE": str(SLOW), "DB_UNAVAILABLE_RETRY_AFTER": "5"})
    try:
        s.pg_start()
        s.redis_start()
        os.environ.update(s.env)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        s.web_start()
        s.worker_start(concurrency=1)
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="session")
def people(stack):
    from gongkai.agencies.models import Agency, Membership, Role
    from django.contrib.auth import get_user_model

    agency = Agency.objects.create(name="演练市教育局", slug="drill-edu", kind=Agency.Kind.DEPARTMENT,
                                   level=Agency.Level.CITY, index_code="DRILL01")
    user = get_user_model().objects.create_user("drill_approver", password="Drill-pass-12345")
    for role in (Role.EDITOR, Role.APPROVER, Role.ADMIN):
        Membership.objects.create(user=user, agency=agency, role=role)
    return {"agency": agency, "user": user}
