"""The statute's default columns (条例第二十条、第二十一条), so a fresh site has them without the demo.
`load` is idempotent (the browser tests run it again after a flush)."""
from django.db import migrations


def load(apps, schema_editor):
    from gongkai.columns.statute import DEFAULT_COLUMNS

    Column = apps.get_model("columns", "Column")
    Subject = apps.get_model("catalog", "Subject")
    for position, (slug, name, basis, level, criteria) in enumerate(DEFAULT_COLUMNS, start=1):
        if Column.objects.filter(slug=slug).exists():
            continue
        column = Column.objects.create(
            slug=slug, name=name, basis=basis, level=level, sort_order=position * 10,
            categories=criteria.get("categories", []), genres=criteria.get("genres", []),
            keywords=criteria.get("keywords", []), include_guides=criteria.get("include_guides", False),
            include_profiles=criteria.get("include_profiles", False),
            include_normative=criteria.get("include_normative", False))
        subjects = [s for top, child in criteria.get("subjects", [])
                    for s in Subject.objects.filter(name=child, parent__name=top)[:1]]
        column.subjects.set(subjects)


class Migration(migrations.Migration):
    dependencies = [("columns", "0001_initial"), ("catalog", "0002_subjects")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
