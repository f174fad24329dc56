"""What to tell a person whose command failed because the database is not set up.

A management command run against a database that was never migrated (or is missing migrations)
fails deep inside a query with `no such table` / `relation does not exist`. `gongkai` (the command
line entry point) catches that and prints one Chinese line saying what to run instead of a traceback.
"""
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

MIGRATE_HINT = "请先运行 gongkai migrate"


def pending_migrations(alias: str = DEFAULT_DB_ALIAS):
    """The number of migrations not applied to database `alias` (None when it cannot be read)."""
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[alias]
    try:
        executor = MigrationExecutor(connection)
        return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        return None


def unmigrated_message(exc: BaseException, alias: str = DEFAULT_DB_ALIAS):
    """The one-line Chinese explanation for `exc` when it comes from an unmigrated or unreachable
    database, or None when the database is in order (the error is something else)."""
    if not isinstance(exc, DatabaseError):
        return None
    connection = connections[alias]
    try:
        connection.close()  # the failed transaction may have left the connection unusable
        connection.ensure_connection()
    except DatabaseError:
        return f"无法连接数据库（{connection.settings_dict.get('NAME')}）：请检查 DATABASE_URL 设置和数据库服务是否运行。"
    pending = pending_migrations(alias)
    if pending is None:
        return f"数据库结构无法读取：{MIGRATE_HINT}。"
    if pending:
        return f"数据库尚未初始化或结构不是最新（有 {pending} 项迁移未执行）：{MIGRATE_HINT}。"
    return None
