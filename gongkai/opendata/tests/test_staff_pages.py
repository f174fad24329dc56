"""Staff pages: create a dataset, upload a table, edit the dictionary, decide on the scan, publish,
approve an application (the key left to the applicant); scoped to the user's agencies."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.opendata.access import application_submit
from gongkai.opendata.models import AccessApplication, Dataset

from .conftest import ID_OK, csv_bytes


@pytest.mark.django_db
def test_dataset_journey(client, editor_a, reviewer_a, dept_a, editor_b):
    client.force_login(editor_a)
    form = {"agency": dept_a.pk, "title": "示范市补贴名单", "summary": "补贴发放。", "topic": "employment",
            "keywords": "补贴", "tier": "open", "frequency": "monthly", "spatial_code": "330100",
            "contact_name": "科室", "contact_phone": "0571-1", "licence": "协议"}
    res = client.post("/console/opendata/", form)
    d = Dataset.objects.get()
    assert res.status_code == 302 and res["Location"] == f"/console/opendata/{d.pk}/"
    upload = SimpleUploadedFile("names.csv", csv_bytes([["姓名", "身份证号", "金额"], ["张伟", ID_OK, 300]]))
    assert client.post(f"/console/opendata/{d.pk}/", {"op": "upload", "name": "名单", "file": upload}).status_code == 302
    r = d.resources.get()
    assert r.scan_status == "flagged"
    page = client.get(f"/console/opendata/{d.pk}/").content.decode()
    assert "1101**********002X" in page and ID_OK not in page  # the example is masked
    client.post(f"/console/opendata/{d.pk}/", {"op": "schema", "resource": r.pk, "type_2": "integer",
                                              "unit_2": "元", "desc_2": "补贴金额"})
    r.refresh_from_db()
    assert r.schema[2]["unit"] == "元" and r.schema[2]["description"] == "补贴金额"
    refused = client.post(f"/console/opendata/{d.pk}/", {"op": "scan", "resource": r.pk, "treat_0": "mask"})
    assert refused.status_code == 400 and "没有为" in refused.content.decode()  # editors do not decide
    client.force_login(reviewer_a)
    client.post(f"/console/opendata/{d.pk}/", {"op": "scan", "resource": r.pk, "treat_0": "mask", "treat_1": "remove"})
    client.post(f"/console/opendata/{d.pk}/", {"op": "publish"})
    d.refresh_from_db()
    assert d.status == "published"
    client.force_login(editor_b)
    assert client.get(f"/console/opendata/{d.pk}/").status_code == 404


@pytest.mark.django_db
def test_application_page_leaves_the_key_to_the_applicant(client, make_dataset, upload, published, reviewer_a):
    d = make_dataset("企业用电数据", tier="conditional")
    upload(d, csv_bytes([["行业", "用电量"], ["制造业", 100]]))
    d = published(d)
    today = timezone.localdate()
    a, _code = application_submit(dataset=d, applicant="王研究", organisation="示范大学", email="w@example.edu.cn",
                                  phone="0571-1", purpose="研究", scenario="论文", period_start=today,
                                  period_end=today + dt.timedelta(days=30), agreement_accepted=True)
    client.force_login(reviewer_a)
    body = client.post(f"/console/opendata/applications/{a.pk}/", {"op": "approve", "reason": "同意"}).content.decode()
    assert "gkod_" not in body and AccessApplication.objects.get().status == "approved"
    assert "待申请人凭申请编号和查询码在申请查询页领取" in body
    assert "gkod_" not in client.get(f"/console/opendata/applications/{a.pk}/").content.decode()
