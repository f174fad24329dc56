import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.codes import (is_valid_org_code, is_valid_uscc, org_code_check_char,
                                    uscc_check_char, uscc_problem)
from gongkai.agencies.models import Agency

# Real codes with known check characters (from published government pages, RULES.md §4.1).
VALID_USCC = ["11330600002577014T", "11441700007280420Y", "113708280043326001", "11341702486344515H"]


@pytest.mark.parametrize("code", VALID_USCC)
def test_real_codes_validate(code):
    assert is_valid_uscc(code)
    assert uscc_check_char(code[:17]) == code[17]


def test_full_width_and_lowercase_are_accepted():
    assert is_valid_uscc("１１３３０６００００２５７７０１４ｔ")


@pytest.mark.parametrize("bad,fragment", [
    ("11330600002577014X", "校验位错误"),
    ("1133060000257701", "应为18位"),
    ("11330600002577O14T", "不允许的字符"),
])
def test_bad_codes_explain_themselves(bad, fragment):
    assert not is_valid_uscc(bad)
    assert fragment in uscc_problem(bad)


def test_every_single_character_change_is_caught():
    code = "11330600002577014T"
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for i in range(17):
        for ch in charset:
            if ch != code[i]:
                mutated = code[:i] + ch + code[i + 1:]
                assert not is_valid_uscc(mutated), mutated


def test_org_codes():
    assert is_valid_org_code("00001434-9") and is_valid_org_code("000014349")
    assert org_code_check_char("00257701") == "4"
    assert not is_valid_org_code("000014348")


@pytest.mark.django_db
def test_agency_validation_rejects_bad_uscc():
    agency = Agency(name="测试局", slug="t", uscc="11330600002577014A")
    with pytest.raises(ValidationError) as exc:
        agency.full_clean()
    assert "校验位" in str(exc.value)


@pytest.mark.django_db
def test_agency_paths_follow_moves(city, dept_a, dept_b):
    assert dept_a.path == f"{city.path}{dept_a.pk}/"
    dept_b.parent = dept_a
    dept_b.save()
    child = Agency.objects.create(name="下属单位", slug="child", parent=dept_b)
    dept_b.parent = None
    dept_b.save()
    child.refresh_from_db()
    assert child.path == f"/{dept_b.pk}/{child.pk}/"
    assert set(city.descendants()) == {city, dept_a}
