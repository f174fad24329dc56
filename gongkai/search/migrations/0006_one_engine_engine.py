"""One engine: the tantivy index (index.py) replaces the FTS5 tables and the tsvector columns.

Drops what migration 0002 created, the phrase-check copy of the text (search_text: the index now
proves phrases by positions), and generalises the change log to every searchable kind. The tantivy
index is built from the database the first time it is used (or by `gongkai search rebuild`).
"""
from django.db import migrations, models

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS search_passage_fts_ad",
    "DROP TRIGGER IF EXISTS search_entry_fts_ad",
    "DROP TABLE IF EXISTS search_passage_fts",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_passage_tsv_gin",
    "ALTER TABLE search_passage DROP COLUMN IF EXISTS tsv",
    "DROP INDEX IF EXISTS search_entry_title_tsv_gin",
    "DROP INDEX IF EXISTS search_entry_tsv_gin",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS title_tsv",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS tsv",
]


def drop_fulltext(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_index_change")]

    operations = [
        # Not reversible: the database engines are gone from the code.
        migrations.RunPython(drop_fulltext, migrations.RunPython.noop),
        migrations.DeleteModel(name="SearchText"),
        migrations.RenameField(model_name="indexchange", old_name="document_id", new_name="object_id"),
        migrations.AddField(model_name="indexchange", name="kind",
                            field=models.CharField(default="document", max_length=24)),
    ]
