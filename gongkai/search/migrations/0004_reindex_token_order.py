"""Rebuild the index once: bigrams of consecutive runs are now adjacent (phrase queries)."""
from django.db import migrations


def rebuild(apps, schema_editor):
    """Superseded by 0006 (one engine): the database full-text tables this rebuilt are gone and the
    tantivy index rebuilds from the database on first use."""


class Migration(migrations.Migration):
    dependencies = [("search", "0003_reindex_facet_tokens")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]
