"""The deployment files hold together: `check --deploy` passes with the documented environment."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"


def production_env(tmp_path) -> dict:
    """The variables of deploy/gongkai.env.example, with a real secret and a scratch database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGKAI_TESTING"))}
    for line in (DEPLOY / "gongkai.env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    env.update({"SECRET_KEY": "k" * 20 + "-Zq8vP2xLr7sT4wN9yB3cF6hJ1mD5gK0aE8uR2tY-" + "x" * 10,
                "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}", "VAR_DIR": str(tmp_path),
                "MEDIA_ROOT": str(tmp_path / "media"), "STATIC_ROOT": str(tmp_path / "static")})
    return env


def test_check_deploy_passes_with_documented_environment(tmp_path):
    result = subprocess.run([sys.executable, "-m", "gongkai", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=production_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = subprocess.run([sys.executable, "-m", "gongkai", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_gunicorn_config_loads():
    namespace: dict = {}
    exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)
    assert namespace["worker_class"] == "sync" and namespace["threads"] == 1 and namespace["workers"] >= 1
    assert namespace["bind"].startswith("127.0.0.1:")


@pytest.mark.parametrize("unit", sorted(p.name for p in (DEPLOY / "systemd").glob("*.service")))
def test_systemd_units_point_at_real_things(unit):
    text = (DEPLOY / "systemd" / unit).read_text()
    assert "EnvironmentFile=/etc/gongkai/gongkai.env" in text
    exec_start = re.search(r"^ExecStart=(.+)$", text, re.M).group(1)
    if "gunicorn" in exec_start:
        assert "deploy/gunicorn.conf.py" in exec_start and "config.wsgi:application" in exec_start
    if "celery" in exec_start:
        assert "-A config" in exec_start
    if "gongkai backup" in exec_start:
        assert (ROOT / "gongkai" / "ops" / "management" / "commands" / "backup.py").exists()


def test_nginx_site_has_the_essentials():
    site = (DEPLOY / "nginx" / "gongkai.conf").read_text()
    for needle in ["client_max_body_size", "gzip on", "location /static/", "Strict-Transport-Security",
                   "internal;", "include /etc/nginx/gongkai_proxy.conf"]:
        assert needle in site, needle
    cache = (DEPLOY / "nginx" / "gongkai_cache.conf").read_text()
    directives = [l for l in cache.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    assert any(l.startswith("proxy_no_cache $cookie_sessionid") for l in directives)
    assert not any(l.startswith("proxy_cache_valid") for l in directives)  # only X-Accel-Expires pages
    proxy = (DEPLOY / "nginx" / "gongkai_proxy.conf").read_text()
    assert "X-Request-ID $request_id" in proxy and "X-Real-IP $remote_addr" in proxy


@pytest.mark.skipif(not Path("/usr/sbin/nginx").exists(), reason="nginx is not installed on this machine")
def test_nginx_site_passes_nginx_t(tmp_path):
    """The site as an operator installs it, rendered with private ports and paths exactly as the drills
    and bench-load run it (bench/load/stack.py), is accepted by nginx itself."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("load_stack", ROOT / "bench" / "load" / "stack.py")
    load_stack = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load_stack)
    conf = load_stack.Stack(tmp_path / "stack").nginx_write_conf()
    result = subprocess.run(["/usr/sbin/nginx", "-t", "-e", str(tmp_path / "error.log"), "-c", str(conf)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    site = (DEPLOY / "nginx" / "gongkai.conf").read_text()
    assert "gongkai_refresh.conf" in site and "proxy_cache_bypass 1" in (DEPLOY / "nginx" / "gongkai_refresh.conf").read_text()
