from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0004_document_public_list_index'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['status', 'disclosure', 'agency', '-publish_date', '-id', 'subject', 'genre', 'category', 'validity'], name='catalog_doc_public_agency_idx'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['status', 'disclosure', 'subject', '-publish_date', '-id', 'agency', 'genre', 'category', 'validity'], name='catalog_doc_public_subject_idx'),
        ),
    ]
