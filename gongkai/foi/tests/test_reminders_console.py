"""Reminders are computed when staff open the console (the embedded default runs no scheduler),
shown on the 工作台 and e-mailed once."""
import datetime as dt

import pytest
from django.core.cache import cache

from gongkai.foi.models import Notification
from gongkai.foi.services import case_submit_online

from .conftest import at, person_fields

pytestmark = pytest.mark.django_db


def test_the_console_home_lists_reminders_without_a_scheduler(register, office_a, dept_a, client_for, mailoutbox):
    cache.clear()
    overdue = register(dt.date(2025, 3, 3))
    with at(2025, 4, 10):
        waiting, _code = case_submit_online(agency=dept_a, fields=person_fields())
        client = client_for(office_a)
        page = client.get("/console/").content.decode()
    assert "提醒" in page and f"申请 {overdue.tracking_no} 已超过答复期限（2025-03-31）" in page
    assert f"网上申请 {waiting.tracking_no} 尚未确认收到" in page
    assert Notification.objects.filter(user=office_a).count() == 2
    assert len([m for m in mailoutbox if "依申请公开提醒" in m.subject]) == 2  # once each
    with at(2025, 4, 10):
        cache.clear()
        client.get("/console/foi/")
    assert Notification.objects.filter(user=office_a).count() == 2
    assert len([m for m in mailoutbox if "依申请公开提醒" in m.subject]) == 2


def test_staff_without_foi_roles_get_no_reminders(client_for, editor_a):
    cache.clear()
    assert client_for(editor_a).get("/console/").status_code == 200
    assert not Notification.objects.exists()
