from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0003_import_jobs'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['status', 'disclosure', '-publish_date', '-id', 'agency', 'subject', 'genre', 'category', 'validity'], name='catalog_doc_public_list_idx'),
        ),
    ]
