"""The database cache table behind CACHES["limits"] in the embedded default (rate limits, lockouts).

Created whatever the cache configuration, so switching from Redis to the embedded default later
finds it; `createcachetable`'s own code makes it (idempotent).
"""
from django.db import migrations

TABLE = "gongkai_cache"


def create(apps, schema_editor):
    from django.core.management.commands.createcachetable import Command

    command = Command()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create, drop)]
