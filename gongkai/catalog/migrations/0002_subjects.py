"""Load the 22 national 主题分类 and their subcategories (RULES.md §4.2)."""
import json
from pathlib import Path

from django.db import migrations


def load(apps, schema_editor):
    Subject = apps.get_model("catalog", "Subject")
    data = json.loads((Path(__file__).resolve().parent.parent / "data" / "subjects.json").read_text("utf-8"))
    for i, top in enumerate(data["subjects"], start=1):
        parent, _ = Subject.objects.get_or_create(parent=None, name=top["name"], defaults={"sort_order": i * 100})
        for j, child in enumerate(top["children"], start=1):
            Subject.objects.get_or_create(parent=parent, name=child, defaults={"sort_order": i * 100 + j})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
