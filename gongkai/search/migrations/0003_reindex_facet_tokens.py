"""Rebuild the index once: entries now carry facet tokens (filters are full-text conditions)."""
from django.db import migrations


def rebuild(apps, schema_editor):
    from gongkai.search.services import index_rebuild

    index_rebuild(batch_size=500, tell_replicas=False)  # the change log comes in 0005


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext"), ("catalog", "__first__")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]
