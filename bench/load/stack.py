"""Start and stop the production stack on loopback: PostgreSQL (a private cluster), Redis, gunicorn,
a Celery worker and nginx (the production site, deploy/nginx/gongkai.conf, with a throw-away TLS
certificate), each on its own high port, all under one run directory.

Used by bench/load/run.py (`make bench-load`) and the fault drills (`make test-drills`). Nothing here
touches the machine's own PostgreSQL or Redis: the drills restart and stop these private ones.
Every process is started by us and stopped by its own pid.
"""
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SITE = ROOT / "deploy" / "nginx" / "gongkai.conf"


def render_site(stack: "Stack", *, rate_limits: bool = True, extra: str = "") -> str:
    """The production site, deploy/nginx/gongkai.conf, with the stack's ports and paths.

    Every replacement must apply and no machine path may be left over, so a change to the site that
    this does not understand stops the stack instead of running a different configuration.
    `rate_limits=False` (bench-load only: one client address drives every page) drops the
    `limit_req` lines; `extra` goes into the HTTPS server before its first location.
    """
    text = SITE.read_text()
    d = stack.dir
    replacements = [
        ("server 127.0.0.1:8000 ", f"server 127.0.0.1:{stack.web_port} "),
        ("/var/cache/nginx/gongkai ", f"{d}/nginx/cache "),
        ("    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{stack.http_port};\n"),
        ("    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n",
         f"    listen 127.0.0.1:{stack.nginx_port} ssl http2;\n"),
        ("listen 127.0.0.1:8081;", f"listen 127.0.0.1:{stack.refresh_port};"),
        ("/etc/ssl/gongkai/", f"{d}/tls/"),
        ("/var/log/nginx/", f"{d}/nginx/"),
        ("alias /var/lib/gongkai/static/;", f"alias {stack.env['STATIC_ROOT']}/;"),
        ("alias /var/lib/gongkai/media/;", f"alias {stack.env['MEDIA_ROOT']}/;"),
        ("include /etc/nginx/gongkai_", f"include {ROOT}/deploy/nginx/gongkai_"),
    ]
    for old, new in replacements:
        if old not in text:
            raise RuntimeError(f"{SITE}: {old.strip()!r} not found; update render_site() with the site")
        text = text.replace(old, new)
    if not rate_limits:
        text, n = re.subn(r"^\s*limit_req(_status)?\s[^;]*;\n", "", text, flags=re.M)
        assert n, "no limit_req line in the site"
    if extra:
        text = text.replace("    location /static/ {", f"    {extra}\n    location /static/ {{", 1)
    directives = re.sub(r"#.*", "", text)
    left = re.findall(r"(?<![\w./-])/(?:etc|srv|var/(?:lib|log|cache))/\S*", directives)
    if left:
        raise RuntimeError(f"{SITE}: machine paths left after rendering: {left}")
    return text


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _wait_port(port: int, timeout: float = 30, proc=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _free(port):
            return
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process for port {port} exited with {proc.returncode}")
        time.sleep(0.1)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


def _as_postgres(cmd: list) -> list:
    return cmd if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--", *cmd]


class Stack:
    def __init__(self, run_dir: Path, *, base_port: int = 18700, db_name: str = "gongkai_load",
                 web_workers: int = 5, web_threads: int = 1, page_cache_seconds: int = 300,
                 extra_env: dict | None = None, settings_module: str = "config.settings"):
        self.dir = Path(run_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.nginx_port, self.web_port = base_port, base_port + 1
        self.pg_port, self.redis_port = base_port + 2, base_port + 3
        self.refresh_port = base_port + 4
        self.http_port = base_port + 5  # the site's plain-HTTP server (redirects to HTTPS)
        self.db_name = db_name
        self.web_workers, self.web_threads = web_workers, web_threads
        self.procs: dict[str, subprocess.Popen] = {}
        self.pgdata = self.dir / "pgdata"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_TESTING", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": settings_module,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/{db_name}",
            "DB_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/1",
            "SECRET_KEY": "load-bench-" + "k" * 48,
            "GONGKAI_PRODUCTION": "1",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "VAR_DIR": str(self.dir / "var"),
            "MEDIA_ROOT": str(self.dir / "var" / "media"),
            "STATIC_ROOT": str(self.dir / "var" / "static"),
            "PAGE_CACHE_SECONDS": str(page_cache_seconds),
            "LOG_LEVEL": "WARNING",
            "RATELIMIT_ENABLED": "0",  # one client address drives everything
            "BEHIND_PROXY": "1",
            # as deploy/gongkai.env.example: on the pages nginx proxies, HSTS comes from the application
            "SECURE_HSTS_SECONDS": "31536000", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1",
            "SITE_URL": "https://127.0.0.1",
            "EDGE_REFRESH_URLS": f"http://127.0.0.1:{base_port + 4}",
            # This host's search index (gongkai/search/index.py); replica_start() runs its follower.
            "SEARCH_INDEX_DIR": str(self.dir / "var" / "search-index"),
            **(extra_env or {}),
        }

    # --- PostgreSQL ------------------------------------------------------------------------------
    def pg_start(self):
        if not (self.pgdata / "PG_VERSION").exists():
            self.pgdata.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.pgdata, "postgres", "postgres")
                shutil.chown(self.dir, "postgres", "postgres")
            subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(self.pgdata), "-U", "postgres",
                                         "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
                           check=True, stdout=subprocess.DEVNULL)
            with open(self.pgdata / "postgresql.conf", "a") as fh:
                fh.write("\nshared_buffers = 256MB\nmax_connections = 200\nfsync = on\n"
                         "synchronous_commit = on\nlisten_addresses = '127.0.0.1'\n")
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-w", "-t", "60",
                                     "-o", f"-p {self.pg_port} -k {self.pgdata}", "-l", str(self.pgdata / "log"),
                                     "start"]), check=True, stdout=subprocess.DEVNULL)
        exists = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-tAc",
                                 f"SELECT 1 FROM pg_database WHERE datname='{self.db_name}'"],
                                capture_output=True, text=True, check=True).stdout.strip()
        if exists != "1":
            subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", self.db_name],
                           check=True)

    def pg_stop(self, mode: str = "fast"):
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-m", mode, "-w", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def pg_restart(self):
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "-t", "60",
                                     "-o", f"-p {self.pg_port} -k {self.pgdata}", "-l", str(self.pgdata / "log"),
                                     "restart"]), check=True, stdout=subprocess.DEVNULL)

    # --- Redis -----------------------------------------------------------------------------------
    def redis_start(self):
        (self.dir / "redis").mkdir(exist_ok=True)
        self.procs["redis"] = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes", "--dir", str(self.dir / "redis"), "--maxmemory", "512mb",
             "--maxmemory-policy", "allkeys-lru"],
            stdout=open(self.dir / "redis.log", "ab"), stderr=subprocess.STDOUT, start_new_session=True)
        _wait_port(self.redis_port, proc=self.procs["redis"])

    def redis_stop(self):
        self._stop("redis")

    # --- Django processes ------------------------------------------------------------------------
    def manage(self, *args, check=True, **kwargs):
        return subprocess.run([str(VENV_BIN / "gongkai"), *args], env=self.env, cwd=ROOT, check=check, **kwargs)

    def web_start(self):
        if not _free(self.web_port):  # an earlier gunicorn still serving would be measured instead
            raise RuntimeError(f"port {self.web_port} is taken: stop the process listening there first")
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.web_port}",
               "GUNICORN_WORKERS": str(self.web_workers), "GUNICORN_THREADS": str(self.web_threads)}
        self.procs["web"] = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py"),
             "--pid", str(self.dir / "gunicorn.pid"), "config.wsgi:application"],
            env=env, cwd=ROOT, stdout=open(self.dir / "gunicorn.log", "ab"), stderr=subprocess.STDOUT,
            start_new_session=True)
        _wait_port(self.web_port, timeout=90, proc=self.procs["web"])
        # gunicorn's master listens before it forks its workers: callers that look for the workers
        # (the drills kill one) must not see an empty list in that gap.
        deadline = time.monotonic() + 90
        while len(self.web_worker_pids()) < self.web_workers:
            if self.procs["web"].poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.procs['web'].returncode}: see {self.dir / 'gunicorn.log'}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"gunicorn did not start {self.web_workers} workers in 90 s")
            time.sleep(0.1)

    def web_worker_pids(self) -> list[int]:
        master = self.procs["web"].pid
        out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def worker_start(self, concurrency: int = 1):
        self.procs["worker"] = subprocess.Popen(
            [str(VENV_BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO", f"--concurrency={concurrency}",
             "--without-gossip", "--without-mingle", "-O", "fair", "--pool=prefork"],
            env=self.env, cwd=ROOT, stdout=open(self.dir / "celery.log", "ab"), stderr=subprocess.STDOUT,
            start_new_session=True)

    def replica_start(self, *, timeout: float = 1800):
        """Start the search index follower (`gongkai search_replica`); return once the index has applied
        the whole change log (first run: built from the database, minutes)."""
        import json

        state = Path(self.env["SEARCH_INDEX_DIR"]) / "state.json"
        self.procs["replica"] = subprocess.Popen(
            [str(VENV_BIN / "gongkai"), "search_replica", "--no-progress"],
            env=self.env, cwd=ROOT, stdout=open(self.dir / "replica.log", "ab"), stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.procs["replica"].poll() is not None:
                raise RuntimeError(f"search index follower exited: see {self.dir / 'replica.log'}")
            top = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-d",
                                  self.db_name, "-tAc", "SELECT COALESCE(MAX(id), 0) FROM search_index_change"],
                                 capture_output=True, text=True, check=True).stdout.strip()
            try:
                if json.loads(state.read_text())["applied_max"] >= int(top):
                    return
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(2)
        raise TimeoutError("search index not built in time")

    def worker_child_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.procs["worker"].pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    # --- nginx -----------------------------------------------------------------------------------
    def tls_start(self) -> Path:
        """A throw-away self-signed certificate for 127.0.0.1 (the site's ssl_certificate); return it."""
        tls = self.dir / "tls"
        tls.mkdir(exist_ok=True)
        cert = tls / "fullchain.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout", str(tls / "privkey.pem"), "-out", str(cert)], check=True, capture_output=True)
        os.chmod(tls / "privkey.pem", 0o600)
        return cert

    def tls_context(self) -> ssl.SSLContext:
        """A client context that trusts only this stack's certificate (and checks the host name)."""
        return ssl.create_default_context(cafile=str(self.dir / "tls" / "fullchain.pem"))

    def nginx_write_conf(self, static_ref: Path | None = None, *, rate_limits: bool = True) -> Path:
        """Write nginx.conf (the production site, deploy/nginx/gongkai.conf, rendered by `render_site`:
        HTTPS on nginx_port, the HTTP redirect on http_port, the refresh listener on refresh_port)."""
        (self.dir / "nginx").mkdir(exist_ok=True)
        # Start with an empty edge cache: copies left by an earlier run would be served stale while
        # nginx refreshes them in the background, so the warm-up before a timed run would not render
        # the pages and the timed run would pay for it.
        shutil.rmtree(self.dir / "nginx" / "cache", ignore_errors=True)
        self.tls_start()
        extra = ""
        if static_ref is not None:
            extra = f"location = /static-ref/document.html {{ alias {static_ref}; default_type text/html; }}"
        site = self.dir / "gongkai-site.conf"
        site.write_text(render_site(self, rate_limits=rate_limits, extra=extra))
        # The machine's own part (Debian's /etc/nginx/nginx.conf): everything below the run directory.
        conf = self.dir / "nginx.conf"
        conf.write_text(f"""
worker_processes 1;
pid {self.dir}/nginx/nginx.pid;
error_log {self.dir}/nginx/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {self.dir}/nginx/access.log;
    client_body_temp_path {self.dir}/nginx/body;
    proxy_temp_path {self.dir}/nginx/proxy;
    fastcgi_temp_path {self.dir}/nginx/fastcgi;
    uwsgi_temp_path {self.dir}/nginx/uwsgi;
    scgi_temp_path {self.dir}/nginx/scgi;
    keepalive_requests 100000;  # wrk keeps its connections for a whole run
    include {site};
}}
""")
        return conf

    def nginx_start(self, static_ref: Path | None = None, *, rate_limits: bool = True):
        conf = self.nginx_write_conf(static_ref, rate_limits=rate_limits)
        cmd = ["nginx", "-e", str(self.dir / "nginx" / "error.log"), "-c", str(conf)]
        subprocess.run([*cmd, "-t", "-q"], check=True)
        self.procs["nginx"] = subprocess.Popen([*cmd, "-g", "daemon off;"],
                                               stdout=open(self.dir / "nginx.log", "ab"), stderr=subprocess.STDOUT,
                                               start_new_session=True)
        _wait_port(self.nginx_port, proc=self.procs["nginx"])

    # --- helpers ---------------------------------------------------------------------------------
    def url(self, path: str, *, direct: bool = False) -> str:
        """gunicorn's address (direct) or nginx's HTTPS one."""
        return f"http://127.0.0.1:{self.web_port}{path}" if direct else f"https://127.0.0.1:{self.nginx_port}{path}"

    def get(self, path: str, *, direct: bool = False, timeout: float = 10):
        """(status, body, headers) of a GET; HTTP errors are returned, not raised."""
        request = urllib.request.Request(self.url(path, direct=direct), headers={"Host": "127.0.0.1"})
        try:
            with urllib.request.urlopen(request, timeout=timeout,
                                        context=None if direct else self.tls_context()) as response:
                return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace"), dict(exc.headers)

    def _stop(self, name: str, sig=signal.SIGTERM, timeout: float = 20):
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)

    def stop(self):
        for name in ("nginx", "web", "replica", "worker", "redis"):
            self._stop(name)
        if (self.pgdata / "postmaster.pid").exists():
            self.pg_stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
