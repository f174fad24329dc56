"""Back up and restore the whole site: a database dump plus the media files, with a SHA-256 manifest.

The dump is Django's own serialisation (`dumpdata`, natural keys for content types and users, the
original primary keys kept), so a backup taken on PostgreSQL restores into SQLite and back. The dump
is read inside one snapshot transaction, so the audit chain's head and its rows agree.
"""
import datetime as dt
import gzip
import hashlib
import json
import os
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.core.management import call_command
from django.db import connection, transaction
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

DB_FILE = "db.json.gz"
MEDIA_FILE = "media.tar.gz"
MANIFEST = "manifest.json"
EXCLUDE = ["contenttypes", "auth.permission", "sessions"]
# Rows that mean "this database already holds a site": restore refuses to mix two sites.
OCCUPIED_MODELS = ["auth.User", "agencies.Agency", "catalog.Document", "audit.AuditEntry"]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _dumped_models():
    excluded_apps = {e for e in EXCLUDE if "." not in e}
    excluded_models = {e.lower() for e in EXCLUDE if "." in e}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        if model._meta.app_label in excluded_apps or model._meta.label_lower in excluded_models:
            continue
        yield model


def model_counts() -> dict:
    return {m._meta.label_lower: m._default_manager.count() for m in _dumped_models()}


class ExactJSONEncoder(DjangoJSONEncoder):
    """Keep microseconds (Django's encoder cuts them to milliseconds, which would change the audit
    rows' timestamps and so break their hashes)."""

    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


def _dump(path: Path) -> None:
    """Write every row (dependency order, natural keys for content types and users) as gzip JSON."""
    models = list(_dumped_models())
    ordered = serializers.sort_dependencies([(None, models)], allow_cycles=True)

    def rows():
        for model in ordered:
            yield from model._base_manager.order_by(model._meta.pk.name).iterator(chunk_size=2000)

    with gzip.open(path, "wt", encoding="utf-8") as fh:
        serializers.serialize("json", rows(), stream=fh, use_natural_foreign_keys=True, cls=ExactJSONEncoder)


def _media_root() -> Path | None:
    if isinstance(default_storage, FileSystemStorage):
        return Path(default_storage.location)
    return None


def backup_create(*, output: Path) -> dict:
    """Write db.json.gz, media.tar.gz and manifest.json into `output`; return the manifest."""
    output.mkdir(parents=True, exist_ok=True)
    db_path = output / DB_FILE
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        counts = model_counts()
        _dump(db_path)
    media_files = {}
    media_root = _media_root()
    media_path = output / MEDIA_FILE
    with tarfile.open(media_path, "w:gz") as tar:
        if media_root and media_root.exists():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                rel = path.relative_to(media_root).as_posix()
                media_files[rel] = file_sha256(path)
                tar.add(path, arcname=rel, recursive=False)
    manifest = {
        "format": 1,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(),
        "db_vendor": connection.vendor,
        "media_storage": "filesystem" if media_root else type(default_storage).__name__,
        "counts": counts,
        "files": {DB_FILE: file_sha256(db_path), MEDIA_FILE: file_sha256(media_path)},
        "media_files": media_files,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def backup_verify(*, source: Path) -> dict:
    """Check every file against the manifest; return the manifest or raise UserFacingError."""
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise UserFacingError(_("备份目录中没有 manifest.json：%(path)s") % {"path": source})
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.exists():
            raise UserFacingError(_("备份文件缺失：%(name)s") % {"name": name})
        if file_sha256(path) != expected:
            raise UserFacingError(_("备份文件校验失败（SHA-256 不符，文件可能已损坏或被改动）：%(name)s") % {"name": name})
    with gzip.open(source / DB_FILE, "rb") as fh:  # a truncated gzip fails here, before anything is written
        while fh.read(1024 * 1024):
            pass
    return manifest


def database_is_empty() -> bool:
    return not any(apps.get_model(label)._default_manager.exists() for label in OCCUPIED_MODELS)


def backup_restore(*, source: Path, media_root: Path | None = None) -> dict:
    """Restore a verified backup into an empty (migrated) database and the media folder.

    Returns {"counts": restored counts, "missing": models with fewer rows than the manifest,
    "audit_problems": audit chain problems}. Raises UserFacingError when the backup does not verify
    or the database is not empty.
    """
    manifest = backup_verify(source=source)
    if not database_is_empty():
        raise UserFacingError(_("目标数据库不是空库（已有用户、机关、文件或审计记录），为防止两套数据混杂，已停止恢复。"))
    with transaction.atomic():
        call_command("loaddata", str(source / DB_FILE), verbosity=0)
    media_root = media_root or _media_root()
    if media_root is not None:
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / MEDIA_FILE, "r:gz") as tar:
            tar.extractall(media_root, filter="data")
        for rel, expected in manifest.get("media_files", {}).items():
            path = media_root / rel
            if not path.exists() or file_sha256(path) != expected:
                raise UserFacingError(_("附件恢复后校验失败：%(name)s") % {"name": rel})
    from gongkai.audit.services import audit_chain_verify

    counts = model_counts()
    missing = {label: (n, counts.get(label, 0)) for label, n in manifest["counts"].items()
               if counts.get(label, 0) < n}
    return {"counts": counts, "missing": missing, "audit_problems": audit_chain_verify()}


def default_backup_dir() -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(os.environ.get("BACKUP_DIR", Path(settings.VAR_DIR) / "backups")) / stamp
