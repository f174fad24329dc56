"""Full-text structures that Django's schema editor cannot express, per database vendor."""
from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize='ascii')",
    "CREATE VIRTUAL TABLE search_passage_fts USING fts5(body, tokenize='ascii')",
    "CREATE TRIGGER search_entry_fts_ad AFTER DELETE ON search_entry BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER search_passage_fts_ad AFTER DELETE ON search_passage BEGIN "
    "DELETE FROM search_passage_fts WHERE rowid = old.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_passage_fts_ad",
    "DROP TRIGGER IF EXISTS search_entry_fts_ad",
    "DROP TABLE IF EXISTS search_passage_fts",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE search_entry ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector",
    "ALTER TABLE search_entry ADD COLUMN title_tsv tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_entry_tsv_gin ON search_entry USING gin (tsv)",
    "CREATE INDEX search_entry_title_tsv_gin ON search_entry USING gin (title_tsv)",
    "ALTER TABLE search_passage ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_passage_tsv_gin ON search_passage USING gin (tsv)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_passage_tsv_gin",
    "ALTER TABLE search_passage DROP COLUMN IF EXISTS tsv",
    "DROP INDEX IF EXISTS search_entry_title_tsv_gin",
    "DROP INDEX IF EXISTS search_entry_tsv_gin",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS title_tsv",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"search: unsupported database {schema_editor.connection.vendor}")
        for sql in statements:
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
                             _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})),
    ]
