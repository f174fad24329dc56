"""Rebuild the index once: entries now carry facet tokens (filters are full-text conditions)."""
from django.db import migrations


def rebuild(apps, schema_editor):
    """Superseded by 0006 (one engine): the database full-text tables this rebuilt are gone and the
    tantivy index rebuilds from the database on first use."""


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext"), ("catalog", "__first__")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]
