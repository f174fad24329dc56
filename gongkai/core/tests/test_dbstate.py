"""Commands on an unmigrated database answer with one Chinese line saying what to run."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def empty_database_url(tmp_path):
    """A database that exists but was never migrated, on the engine the tests run on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    import psycopg

    s = connection.settings_dict
    name = f"gongkai_unmigrated_{os.getpid()}"
    params = {k: v for k, v in {"host": s["HOST"], "port": s["PORT"], "user": s["USER"],
                                "password": s["PASSWORD"], "dbname": "postgres"}.items() if v}
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    try:
        yield f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(args, database_url, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_TESTING"}
    env.update({"DATABASE_URL": database_url, "VAR_DIR": str(tmp_path)})
    return subprocess.run([sys.executable, "-m", "gongkai", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_command_on_unmigrated_database_says_what_to_run(empty_database_url, tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("示范市关于开展春季植树活动的通知\n请各单位积极参加。\n", encoding="utf-8")
    result = _run(["import", str(page)], empty_database_url, tmp_path)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [lines[0]] and "gongkai migrate" in lines[0] and "迁移未执行" in lines[0]
    assert "Traceback" not in result.stderr

