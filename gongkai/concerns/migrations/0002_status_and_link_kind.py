"""The many-to-many of responses gets a through model on its existing table (with a kind: 回应 or 后续发布),
and `closed` becomes a status (waiting / responded / closed) filled from the rows as they are."""
import django.db.models.deletion
from django.db import migrations, models


def fill_status(apps, schema_editor):
    Concern = apps.get_model("concerns", "Concern")
    Concern.objects.filter(closed=True).update(status="closed")
    Concern.objects.filter(closed=False, first_response_at__isnull=False).update(status="responded")


def fill_closed(apps, schema_editor):
    apps.get_model("concerns", "Concern").objects.filter(status="closed").update(closed=True)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0006_document_title_pending"),
        ("concerns", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ConcernResponse",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("concern", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                      related_name="links", to="concerns.concern")),
                        ("document", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                       related_name="concern_links", to="catalog.document")),
                    ],
                    options={"db_table": "concerns_concern_responses", "verbose_name": "回应信息",
                             "verbose_name_plural": "回应信息", "unique_together": {("concern", "document")}},
                ),
                migrations.AlterField(
                    model_name="concern",
                    name="responses",
                    field=models.ManyToManyField(blank=True, related_name="concerns",
                                                 through="concerns.ConcernResponse", to="catalog.document",
                                                 verbose_name="回应信息"),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="concernresponse",
            name="kind",
            field=models.CharField(choices=[("response", "回应"), ("followup", "后续发布")], default="response",
                                   max_length=10, verbose_name="类型"),
        ),
        migrations.AddField(
            model_name="concern",
            name="status",
            field=models.CharField(choices=[("waiting", "待回应"), ("responded", "已回应"), ("closed", "已办结")],
                                   default="waiting", max_length=10, verbose_name="状态"),
        ),
        migrations.RunPython(fill_status, fill_closed),
        migrations.RemoveField(model_name="concern", name="closed"),
    ]
