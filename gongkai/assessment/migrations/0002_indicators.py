from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.assessment.defaults import indicators_seed

    indicators_seed(apps.get_model("assessment", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
