"""Application figures stated in a report's prose (收到申请N件, 办结N件, 结转下一年N件, 其中予以公开N件…).

Only sentences about applications (they mention 申请) are read, clause by clause. A clause names one
figure by its verb: 结转下年/顺延至下一年 → 四 carry_next; 上年结转 → 二 carried_over; 收到/受理 → 一 new
(受理 sometimes counts 一 + 二 together: the comparison allows for it); 办理/答复/办结 → （七） total. A list
of outcomes introduced by 其中 (予以公开2件，部分公开2件…), or following the received count in the same
sentence, is a breakdown of （七） when it covers the received count (a partial list or a list of zeros is
not); `未收到…申请` with no count is 一 = 0 unless it names one kind of applicant only. Clauses about
复议/诉讼, proposals or mailboxes, and sub-counts by applicant kind, are skipped.
"""
import re

from . import labels
from .tables import classify

_UNIT = r"(?:件|份|条|宗|起|项|例|封)(?!工作日)"  # 封: letters/forms (`收到12封申请`)
_COUNT = re.compile(rf"(\d+|[零〇一二两三四五六七八九十百]+){_UNIT}")
_SKIP = ("复议", "诉讼", "案件", "建议", "提案", "信箱", "留言", "热线", "咨询", "主动公开")
# One count for two verbs (`依申请公开受理和办结6件`): received and concluded alike.
_RECEIVED_AND_DONE = re.compile(r"(?:收到|受理|接收)(?:和|并|及|且)[^,，;；。]{0,4}?(?:办结|答复|办理|处理)")
_SUB = ("其中", "自然人", "法人", "商业企业", "科研机构", "公益组织", "法律服务", "其他组织", "网络申请",
        "信函申请", "当面申请", "传真申请", "电子邮件")
_CARRY_NEXT = re.compile(r"(?:结转|转结)[至到]?下|转下一|转入下一|顺延[至到]下|下年度结转|延至下一年|转至下一年|结转至下一|"
                         r"(?:结转|转入|顺延)[至到]?(?:19|20)\d{2}年")  # 结转至2024年办理1件 (the next year)
# …or by its year (`含2022年结转的3件`, `2024年结转…申请0件`; a year AFTER 结转 is the next year, above).
_CARRIED = re.compile(r"上年结转|上年度结转|上一年度?结转|上年度转入|上年转入|上年度?转结|(?:19|20)\d{2}年度?(?:结转|转入)")
# Both years named (`2022年结转至2023年2件`): which figure it is depends on the report year (apply_prose).
_BETWEEN_YEARS = re.compile(r"((?:19|20)\d{2})年度?(?:结转|转入|顺延)[至到入]?((?:19|20)\d{2})年")
_NEW = re.compile(r"收到|受理|接到|接收|新收")
_RECEIVED_ONLY = re.compile(r"^(?!.*(?:收到|接到|接收|新收|新受理)).*受理")
_TOTAL = re.compile(r"办理|答复(?![书函])|办结|处理完")  # not 答复书N份: documents
# Still open at the year's end (`1宗仍在法定办理期限内`, `2件正在办理`): not concluded, so not （七）.
_PENDING = re.compile(r"仍在|尚在|正在办理|办理中|尚未办结|未办结|未到期")
_NO_CARRY = re.compile(r"(?:无|没有)(?:下一?年度?结转|结转(?:至|到)?下一?年度?)")
_NO_CARRIED = re.compile(r"(?:无|没有)(?:上一?年度?(?:结转|转入|转结))|上一?年度?(?:无|没有)(?:结转|转入|转结)")  # 二 is 0
_INCLUDES = ("含", "包括", "包含")  # `收到申请5件（含上年结转1件）`: the count holds 二 as well
# A table row run into the text (`…申请数量5件1件0件…7件`): several counts after a row label, not prose.
_TABLE_ROW = re.compile(r"(?:申请数量|继续办理|总计)(?:\d+件){2,}")
_OUTCOME = ("公开", "无法提供", "不掌握", "不予处理", "其他", "撤回", "撤销", "过程性", "国家秘密", "第三方",
            "内部事务", "执法案卷", "查询", "另行制作", "不明确", "信访", "重复", "出版物", "逾期", "补正", "不属于",
            "提供", "不予受理")
_BREAKDOWN_START = re.compile(r"其中|申请中|件中|(?:办理|答复|处理)(?:结果|情况)(?:如下|为)")
# Inside a breakdown, `不予公开2件，其中1件…，1件…` splits one outcome again: those sub-counts are not outcomes.
_SUB_ITEM = re.compile(r"^\d+(?:件|份|条)")
# An outcome clause that opens a breakdown by itself (`予以公开3件，无法提供4件` with no 其中 before it).
_OUTCOME_LEAD = re.compile(r"^(?:均|已|共|依法)?(?:予以公开|同意公开|部分公开|不予公开|无法提供|不予处理|其他处理|"
                           r"信息不存在|非本机关|本机关不掌握|告知)")
# No application at all: `未收到政府信息公开申请`, `没有接到…申请` (no count; 一 is 0).
_NONE_RECEIVED = re.compile(r"(?:未|没有|无)(?:收到|接到|接收到?|新收|受理)(?:[^,，;；。]{0,40}?)申请"
                            r"|(?:未|没有)发生(?:(?!因)[^,，;；。]){0,16}?依申请(?:公开)?(?:件|事项)"  # 未发生…依申请件
                            r"|(?:无|没有)依申请(?:公开)?(?:政府信息)?(?:事项|件)(?![的之]?(?:收费|费用|办理流程))")
# The two sides of table 三's applicant columns. `未收到法人或者其他组织…的申请` names one side only: it says
# nothing of the other side's applications, so it does not make 一 zero (`公民、法人或其他组织` names both).
_PERSONS = ("自然人", "公民", "个人")
_ORGANISATIONS = ("法人", "其他组织", "企业", "社会组织")
_EVERYONE = ("群众", "公众", "社会各界", "任何")  # the public at large: both sides
# The report's own section headings. On a page stored as one line they are glued to the sentences
# around them (`二、主动公开政府信息情况三、收到和处理政府信息公开申请情况2019年未收到…申请`); they end a
# sentence, so a heading's words (主动公开) never decide how the next sentence is read.
_SECTION_HEADING = re.compile(
    r"[一二三四五六七][、.．](?:总体情况|主动公开政府信息(?:的)?情况|收到和处理政府信息公开申请(?:的)?情况|"
    r"(?:因)?政府信息公开(?:工作)?(?:被申请)?行政复议[^。]{0,16}?(?:行政诉讼|提起行政诉讼)(?:的)?情况|"
    r"(?:政府信息公开工作)?存在的主要问题及改进情况|其他需要报告的事项)")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9}


def _one_side_only(phrase: str) -> bool:
    if any(w in phrase for w in _EVERYONE):
        return False
    persons = any(w in phrase for w in _PERSONS)
    organisations = any(w in phrase for w in _ORGANISATIONS)
    return persons != organisations


def chinese_number(s: str):
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105 (small counts only)."""
    if s.isdigit():
        return int(s)
    total, num = 0, 0
    for ch in s:
        if ch in _DIGITS:
            num = _DIGITS[ch]
        elif ch == "十":
            total += (num or 1) * 10
            num = 0
        elif ch == "百":
            total += (num or 1) * 100
            num = 0
        else:
            return None
    return total + num


def prose_text(lines) -> str:
    """The running text of the report: lines of words (at most one number), joined; tables cut it."""
    parts = []
    for cells in lines:
        nums = sum(1 for c in cells if classify(c, 0).kind != "text")
        text = "".join(cells)
        if nums <= 1 and len(labels.norm(text)) >= 8:
            parts.append(text)
        else:
            parts.append("\n")
    return "".join(parts)


def _counts(clause):
    return [n for n in (chinese_number(m) for m in _COUNT.findall(clause)) if n is not None]


def _skipped(clause) -> bool:
    """A clause about reviews, lawsuits, proposals, mailboxes… (`依申请公开…案件7件` is about applications)."""
    return any(w in clause for w in _SKIP if not (w == "案件" and "申请" in clause))


def _is_outcome(clause) -> bool:
    """One counted outcome (`不予公开2件`, `已按申请内容提供给当事人1件`), not a sub-count, a new list or a
    figure of its own (`上年结转政府信息公开…2件`, `办结政府信息公开申请12件` name 公开 too)."""
    verbs = clause.replace("不予受理", "")
    if any(p.search(verbs) for p in (_NEW, _TOTAL, _CARRIED, _CARRY_NEXT)):
        return False
    return (len(_counts(clause)) == 1 and any(w in clause for w in _OUTCOME) and not clause.startswith(_SUB)
            and not _BREAKDOWN_START.search(clause))


def extract(lines) -> dict:
    """Return {figure: (value, quote)} and "breakdown": [(phrase, value)] found in the prose."""
    text = labels.norm(prose_text(lines))
    found = {}
    if _NO_CARRY.search(text):
        found["carry_next"] = (0, _NO_CARRY.search(text).group(0))
    if _NO_CARRIED.search(text):
        found["carried_over"] = (0, _NO_CARRIED.search(text).group(0))
    about = False  # the sentence before was about applications
    text = _SECTION_HEADING.sub(lambda m: "\n" + m.group(0) + "\n", text)
    sentences = re.split(r"[。！？!?\n]", text)
    for n, sentence in enumerate(sentences):
        cut_short = n == len(sentences) - 1 and sentence != ""  # the page stops inside it
        follows = about and (sentence.startswith(("其中", "另", "此外", "以上")) or _CARRY_NEXT.search(sentence))
        about = "申请" in sentence or bool(follows and sentence)
        if not about:
            continue
        breakdown, in_breakdown, nested, last, splitting = [], False, False, None, False
        clauses = [c for c in re.split(r"[,，;；:：()（）]", sentence) if c]
        just_received = None  # the count of the clause before, when it was the received count
        for i, clause in enumerate(clauses):
            following = clauses[i + 1] if i + 1 < len(clauses) else ""
            after_received, just_received = just_received, None
            m = _BREAKDOWN_START.search(clause)
            if m and in_breakdown and breakdown and m.group(0) == "其中":
                nested = True  # a sub-split of the outcome before
                continue
            if nested and _SUB_ITEM.match(clause) and not (_CARRY_NEXT.search(clause) or _CARRIED.search(clause)):
                continue
            nested = False
            if m:
                in_breakdown = True
                splitting = splitting or (last == "received" and m.group(0) == "其中")
                clause = clause[m.end():]
            elif not in_breakdown and "received" in found and (
                    _OUTCOME_LEAD.match(clause) or (last == "received" and _is_outcome(clause))):
                in_breakdown = True  # the outcomes follow the received count in the same sentence
            counts = _counts(clause)
            if _TABLE_ROW.search(clause):
                continue
            none = None if counts else _NONE_RECEIVED.search(clause)
            if none and not _skipped(clause):
                if not _one_side_only(none.group(0)):
                    found.setdefault("new", (0, clause))
                continue
            if not counts and after_received is not None and _CARRY_NEXT.search(clause) and not _skipped(clause):
                # `收到1件…申请，结转至下一年度办理`: the received ones themselves go on to next year
                found.setdefault("carry_next", (after_received, clause))
                continue
            if not counts or _skipped(clause):
                continue
            between = _BETWEEN_YEARS.search(clause)
            if between:
                found.setdefault("between_years", (int(between.group(1)), int(between.group(2)), counts[0], clause))
                continue
            if _CARRY_NEXT.search(clause):
                found.setdefault("carry_next", (counts[0], clause))
                continue
            if _CARRIED.search(clause):
                found.setdefault("carried_over", (counts[0], clause))
                if clause.startswith(_INCLUDES) and last == "received":  # not `办结177件（含…结转3件）`
                    found["received_includes_carried"] = True
                continue
            if in_breakdown:
                if len(counts) == 1 and any(w in clause for w in _OUTCOME) and not clause.startswith(_SUB):
                    breakdown.append((clause, counts[0]))
                    continue
                in_breakdown = False
            if clause.startswith(_SUB) or (splitting and _NEW.search(clause)):
                continue  # `受理29件，其中通过网络收到申请25件…`: a split of the received count
            if (_PENDING.search(clause) or clause.startswith(("其余", "余下", "剩余"))) and not _NEW.search(clause):
                continue  # `1宗仍在法定办理期限内`: still open; `其余9宗均已答复`: a part, not （七）
            if _NEW.search(clause):
                last = "received"
                just_received = counts[0]
                found.setdefault("received", (counts[0], clause))
                if _RECEIVED_ONLY.search(clause):  # 受理 may count 一 and 二 together
                    found.setdefault("accepted", (counts[0], clause))
                else:
                    found.setdefault("new", (counts[0], clause))
                if _RECEIVED_AND_DONE.search(clause):
                    found.setdefault("total", (counts[0], clause))
            elif _TOTAL.search(clause) and _is_outcome(following) and len(counts) == 1:
                # `受理12件，答复7件，不予受理4件…`: 答复 is one outcome of a list, not （七）
                in_breakdown = True
                breakdown.append((clause, counts[0]))
            elif _TOTAL.search(clause):
                last = "total"
                found.setdefault("total", (sum(counts), clause))
        if len(breakdown) >= 2 and "breakdown" not in found and not cut_short:
            found["breakdown"] = breakdown
    return found


def _accepted_is_new(accepted, carried, found, apps) -> bool:
    """受理N件 beside a stated 上年结转M件: the report's own balance says which reading holds. Only
    受理 = 新收 makes 受理 + 上年结转 equal 办结 + 结转下年 (受理 = 新收 + 上年结转 would need
    受理 = 办结 + 结转下年); with either figure unknown it stays open."""
    def figure(key):
        return found[key][0] if key in found else apps[key].get("total")
    total, carry_next = figure("total"), figure("carry_next")
    if total is None or carry_next is None or carried == 0:
        return False
    return accepted + carried == total + carry_next


_FIGURE_ROWS = {"new": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
                "total": "（七）总计", "carry_next": "四、结转下年度继续办理"}


def apply_prose(data, lines) -> None:
    """Fill figures missing from the tables with those stated in the prose; flag disagreements."""
    from django.utils.translation import gettext as _

    from ..data import Finding

    found = extract(lines)
    if "between_years" in found:
        # `2022年结转至2023年2件` in a 2023 report is 二 (carried in); in a 2022 report it is 四 (carried on)
        start, end, value, quote = found.pop("between_years")
        key = {end: "carried_over", start: "carry_next"}.get(data.year) if end == start + 1 else None
        if key:
            found.setdefault(key, (value, quote))
    if "breakdown" in found:
        items = found["breakdown"]
        summed = sum(v for _p, v in items)
        handled = found.get("total", (None,))[0]
        carry_next = found.get("carry_next", (0,))[0]
        received = found.get("received", (0,))[0]
        # `办理69件…予以公开35件…结转下年度继续办理1件`: the handled count held the carried-forward ones
        # as well; the outcomes are （七）. Outcomes that do not cover the received count less the stated
        # carry-next (`受理21件…其中予以公开10件，部分公开2件`) are a partial list, not （七）; nor is a list
        # of zeros (`收到0件，公开0件，不予公开0件` leaves what was carried over and finished open).
        covers = summed > 0 and summed >= received - carry_next
        if (handled is None and covers) or (carry_next and handled == summed + carry_next):
            found["total"] = (summed, "，".join(p for p, _v in items))
            data.prose["total_from_breakdown"] = True
    apps = data.applications
    if found.pop("received_includes_carried", False):
        # the received count says it holds the carry-over: 新收 is the difference, stated by the report
        received, carried = found["received"][0], found["carried_over"][0]
        found.pop("accepted", None)
        if received >= carried:
            found["new"] = (received - carried, found["received"][1])
        else:
            found.pop("new", None)
    if "accepted" in found and "new" not in found:
        # 受理N件 is 新收 when nothing was carried over; else it may be 新收 + 上年结转 (compared so)
        carried = apps["carried_over"].get("total")
        if carried is None and "carried_over" in found:
            carried = found["carried_over"][0]
        if apps["new"].get("total") is not None or carried == 0 or found["accepted"][0] == 0:
            found["new"] = found["accepted"]  # 受理0件: nothing new either (新收 is part of 受理)
        elif carried is not None and _accepted_is_new(found["accepted"][0], carried, found, apps):
            found["new"] = found["accepted"]
    for key, row_label in _FIGURE_ROWS.items():
        if key not in found:
            continue
        value, quote = found[key]
        data.prose[key] = value
        cell = apps[key].get("total")
        if cell is None:
            apps[key]["total"] = value
            data.prose.setdefault("used", []).append(key)
            data.findings.append(Finding("parse", "info", key, "total", _(
                "表格中没有“%(row)s”的总计数，取自正文“%(quote)s”：%(v)s件。")
                % {"row": row_label, "quote": quote, "v": value}))
            continue
        agrees = value == cell
        if key == "new" and not agrees:
            carried = apps["carried_over"].get("total")
            agrees = carried is not None and value == cell + carried  # 受理 = 新收 + 上年结转
        if not agrees:
            data.findings.append(Finding("prose_mismatch", "warning", key, "total", _(
                "正文与表格不一致：正文“%(quote)s”为%(v)s件，表格“%(row)s”总计为%(cell)s件。")
                % {"quote": quote, "v": value, "row": row_label, "cell": cell}))
    if data.prose.get("total_from_breakdown") and "total" not in data.prose.get("used", []):
        data.prose.pop("total_from_breakdown")
