from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.assessment.defaults import indicators_seed

    indicators_seed(apps.get_model("assessment", "Indicator"))  # adds the indicators added since 0002 (links_broken)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0002_indicators")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
