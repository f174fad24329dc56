"""工作要点 → tasks: each 时限 form, unit splitting, table shapes and prose (seeds and real tables)."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.oversight.taskparse import parse_tasks
from gongkai.oversight.timelimits import looks_like_time_limit, parse_time_limit
from gongkai.oversight.units import split_units


@pytest.mark.django_db
@pytest.mark.parametrize("raw,due,kind", [
    ("全年", "2019-12-31", "date"),
    ("年底前", "2022-12-30", "date"),  # 2022-12-31 is a Saturday: the last working day before it
    ("8月底前", "2019-08-30", "date"),  # 2019-08-31 is a Saturday
    ("6月30日前", "2020-06-30", "date"),
    ("上半年", "2021-06-30", "date"),
    ("第三季度", "2021-09-30", "date"),
    ("2月底前", "2026-02-28", "date"),  # a Saturday, but a 春节 调休 working day in 2026
    ("每季度", None, "recurring_quarterly"),
    ("每月", None, "recurring_monthly"),
    ("长期坚持", None, "ongoing"),
    ("持续推进", None, "ongoing"),
    ("视情况而定", None, "unknown"),
    ("", None, "none"),
])
def test_time_limit_forms(raw, due, kind):
    year = int(due[:4]) if due else 2021
    parsed = parse_time_limit(raw, year)
    assert (parsed.due.isoformat() if parsed.due else None, parsed.kind) == (due, kind)


def test_time_limit_cells_are_recognised():
    assert all(looks_like_time_limit(t) for t in ("全年", "9月底前", "每季度", "长期坚持"))
    assert not any(looks_like_time_limit(t) for t in ("市财政局牵头落实", "建立市场准入负面清单信息公开机制。"))


@pytest.mark.parametrize("raw,lead,assist", [
    ("市编办牵头,市政府各部门负责落实", "市编办", ["市政府各部门"]),
    ("市发改委、市商务局牵头,市政府有关部门负责落实", "市发改委", ["市商务局", "市政府有关部门"]),
    ("市财政局牵头落实", "市财政局", []),
    ("办公室牵头,各科室配合", "办公室", ["各科室"]),
    ("市发展改革委、市经信委、市公安局等", "市发展改革委", ["市经信委", "市公安局"]),
    ("市政府各部门，各区、县〔市〕政府办公室负责", "市政府各部门", ["各区、县〔市〕政府办公室"]),
    ("市教体局、市民政局、市扶贫办等部门按职责分工分别负责", "市教体局", ["市民政局", "市扶贫办"]),
    ("市发改委、市财政局、市环保局等部门按职责分工负责落实", "市发改委", ["市财政局", "市环保局"]),
    ("市政府有关部门按职责分工负责落实", "市政府有关部门", []),
    ("市委网信办，市政府办公室牵头负责", "市委网信办", ["市政府办公室"]),
    ("各科室配合，办公室牵头", "办公室", ["各科室"]),
    ("", None, []),
])
def test_units_split(raw, lead, assist):
    assert split_units(raw) == (lead, assist)


@pytest.mark.django_db
def test_pipe_table_with_omitted_leading_cells():
    text = ("一、加强解读 | (一)推进公开 | 1 | 公开权责清单。 | 市编办牵头,市政府各部门负责落实 | 全年 |\n"
            "2 | 公开财政预决算。 | 市财政局牵头落实 | 8月底前 |\n"
            "(二)加强回应 | 3 | 做好舆情回应。 | 市政务公开办 | 长期坚持 |\n")
    tasks = parse_tasks(text, 2019)
    assert [(t.no, t.lead, t.due, t.deadline_kind) for t in tasks] == [
        ("1", "市编办", "2019-12-31", "date"), ("2", "市财政局", "2019-08-30", "date"),
        ("3", "市政务公开办", None, "ongoing")]
    assert tasks[1].group == "(一)推进公开" and tasks[2].group == "(二)加强回应" and tasks[2].section == "一、加强解读"


@pytest.mark.django_db
def test_one_cell_per_line_and_lost_cells():
    text = "工作任务\n|\n具体要求\n|\n责任科室\n|\n时限要求\n|\n清理规范性文件\n|\n1\n|\n公布目录。\n|\n办公室\n|\n年底前\n|\n2\n|\n做好年报。\n|\n各科室\n|\n持续推进\n"
    tasks = parse_tasks(text, 2021)
    assert [(t.no, t.content, t.lead, t.deadline_raw) for t in tasks] == [
        ("1", "公布目录。", "办公室", "年底前"), ("2", "做好年报。", "各科室", "持续推进")]
    assert parse_tasks("任务分解表\n" + "|\n" * 30 + "|||\n" * 10, 2021) == []


@pytest.mark.django_db
def test_header_after_a_title_and_headings_are_not_time_limits():
    text = ("某中心2021年政务公开工作任务\n工作任务 | 具体要求 | 责任部门 |\n"
            "一、做好财政信息公开。 | 1.公开预算决算。 | 财务科 |\n2.更新公众号。 | 办公室牵头,各科室配合 | |\n"
            "三、持续加强政策解读。 | 3.做好解读。 | 各科室 |\n")
    tasks = parse_tasks(text, 2021)
    assert [(t.no, t.lead, t.assist, t.deadline_raw, t.section) for t in tasks] == [
        ("1", "财务科", [], None, "一、做好财政信息公开。"), ("2", "办公室", ["各科室"], None, "一、做好财政信息公开。"),
        ("3", "各科室", [], None, "三、持续加强政策解读。")]
    # without a header, a heading cell that happens to contain 持续 is not taken for a 完成时限
    assert [t.deadline_raw for t in parse_tasks(text.split("\n", 2)[2], 2021)] == [None, None, None]


@pytest.mark.django_db
def test_real_table_without_a_time_limit_column(realworld):
    root, _load = realworld
    path = next((root / "participation").glob("PAR08_*.txt"))
    tasks = parse_tasks(path.read_text("utf-8"), 2021)
    assert len(tasks) == 11 and all(t.due is None and t.deadline_raw is None for t in tasks)
    assert (tasks[3].lead, tasks[3].assist) == ("办公室", ["各科室"])
    # a note above the header that names two of the columns does not hide the real header's 时限 column
    table = parse_tasks(next((root / "participation").glob("PAR06_*.txt")).read_text("utf-8"), 2021)
    assert [t.deadline_raw for t in table] == ["年底前"] + ["持续推进"] * 7


@pytest.mark.django_db
def test_prose_items_with_units_in_trailing_parentheses():
    text = ("前言。\n二、工作任务\n(一)夯实主动公开基础。扩大公开范围。(市政府各部门,各区、县〔市〕政府办公室负责)\n"
            "(二)推动政策发布创新。年底前上线平台。(市经信局、市大数据局牵头负责)\n三、保障\n1.加强培训。\n")
    tasks = parse_tasks(text, 2021)
    assert [(t.no, t.lead, t.assist, t.due) for t in tasks] == [
        ("(一)", "市政府各部门", ["各区、县〔市〕政府办公室"], None),
        ("(二)", "市经信局", ["市大数据局"], "2021-12-31"),
        ("1.", None, [], None)]


@pytest.mark.django_db
def test_command_on_seed_000(realworld, tmp_path):
    root, _load = realworld
    seed = next((root.parent / "seeds").glob("000_*.txt"))
    out = StringIO()
    call_command("tasks", "import", str(seed), "--year", "2019", "--dry-run", "--json", stdout=out)
    tasks = json.loads(out.getvalue())
    assert len(tasks) == 25 and [t["no"] for t in tasks] == [str(i) for i in range(1, 26)]
    assert set(tasks[0]) >= {"no", "content", "lead", "assist", "due", "deadline_raw", "units_raw"}
    assert (tasks[1]["lead"], tasks[1]["assist"]) == ("市编办", ["市政府各部门"])
    assert tasks[20]["due"] == "2019-09-30" and tasks[20]["deadline_raw"] == "9月底前"
    assert sum(t["deadline_raw"] == "全年" for t in tasks) == 23
    assert all(dt.date.fromisoformat(t["due"]) for t in tasks)
