"""Question types read from the question's wording, and the passages that answer each type.

A cue is (what the question says, what an answering passage says). They are shapes of questions
about 政府信息公开 in general (how long, how much, how to apply, what may be withheld, what to do when
refused), not rules for particular questions.
"""
import re
from dataclasses import dataclass

_N = r"[0-9０-９一二三四五六七八九十百两]+"


@dataclass(frozen=True)
class Cue:
    name: str
    question: re.Pattern
    passage: re.Pattern


CUES = (
    Cue("duration",
        # "时间" asks how long only as the thing asked ("答复时间是什么", "多长时间"), not in "收到时间怎么
        # 确定" (a rule for a date); "超过" names a limit passed ("频次明显超过合理范围"), not a duration.
        # a deadline passed ("超过期限没有答复") asks what to do, not how long
        re.compile(r"(?<!超过)(?<!超出)(?<!过了)期限|时限|多少天|多少日|多少个?工作日|几天|几日|多久|多长时间|什么时候|何时|日内|最长|"
                   r"(?:答复|办理|处理|公开|公布)时间|时间(?:是|为|有多|多长)"),
        re.compile(rf"{_N}\s*个?(?:工作日|日|天|个月|年)|当场"),),
    # "费用" alone is not a fee question ("要求查清这些人的费用来源"): what is asked is paying.
    Cue("fee",
        re.compile(r"收费|多少钱|缴费|交费|付费|免费|免收|收取|信息处理费|要钱|交钱|花钱|付钱|掏钱|费用[吗么呢？?]|(?:收|交|缴|免)\S{0,2}费用"),
        re.compile(r"信息处理费|不收取费用|不收费|元/[件页]|按件计收|按量计收|收取费用"),),
    Cue("apply",
        re.compile(r"(?:怎么|怎样|如何|怎么样|哪些方式|什么方式|途径|渠道)\S{0,8}(?:申请|提出|获取)|"
                   r"(?:申请|提出)\S{0,4}(?:方式|途径|渠道|流程|程序|手续)|匿名"),
        re.compile(r"书面形式|当面|信函|信件|数据电文|在线|口头|申请表|邮寄|互联网|身份证明"),),
    # "可以不" asks about withholding only when what may be left undone is disclosing ("可以不公开",
    # "可以不给"), not "可以不予处理" (a request that is not handled: 第三十五条, 第三十六条).
    Cue("withhold",
        re.compile(r"拒绝|不予公开|不公开|不能公开|不可以公开|可以不(?:予)?(?:公开|提供|给)|秘密|隐私|过程性|内部事务|例外"),
        # what is withheld is the predicate of a rule ("……的政府信息，不予公开。"), not a mention
        # ("对不予公开的内容说明理由").
        re.compile(r"(?:不予|不得|不应当)(?:公开|提供)(?=[。；，,;]|$)|国家秘密|商业秘密|个人隐私"),),
    # what a word means ("什么是政府信息", "信息处理费是指什么"): the article that defines it
    Cue("define",
        re.compile(r"什么是|什么叫|是指什么|指的是什么|含义|定义|概念|才算|算不算|算是|(?:怎么|如何)(?:认定|界定)"),
        re.compile(r"是指"),),
    # why a rule exists ("条例的立法目的是什么"): a statute's first article, "为了……，制定本条例"
    Cue("purpose",
        re.compile(r"目的|宗旨|为什么制定|为何制定|立法意图"),
        re.compile(r"^(?:第\S{1,8}条)?[\s　]*为了?\S*?制定本(?:条例|办法|规定|细则|制度)"),),
    Cue("remedy",
        # "怎么办" alone asks what to do about anything ("申请内容不明确怎么办"): not a remedy question
        re.compile(r"不答复|没有?答复|未答复|不回复|没有?回复|反映|复议|诉讼|起诉|投诉|举报|救济|不服|侵犯"),
        re.compile(r"行政复议|行政诉讼|投诉|举报|起诉|督促整改"),),
)


# A question that asks for a list (which cases, what reasons, what it contains): its answer may be
# a run of consecutive articles that each answer it (第十四条 to 第十六条 for what is withheld); so may
# "what can I do" (怎么办: the courses open, 第四十七条 and 第五十一条).
LIST_RE = re.compile(r"哪些|哪几|什么情形|什么情况|哪种|理由|范围|包括什么|有什么|都有|怎么办|如何处理|怎么处理")
LEAD_RE = re.compile(r"^(?:第\S{1,8}条)?[\s　]*([^。；：:\n]*)")


def wants_list(question: str) -> bool:
    return bool(LIST_RE.search(question or ""))


def lead(text: str) -> str:
    """The lead of a passage: its first clause up to 。；： (what an article is about)."""
    m = LEAD_RE.match(text or "")
    return m.group(1) if m else ""


def passage_lead_hits(cues: list[Cue], text: str, question: str = "") -> int:
    """Cues matched in the passage's lead: the passage is *about* the question's type, not one
    that mentions it in passing (第三十六条 lists 不予公开 among its answers; 第十四条 is about it)."""
    head = lead(text)
    return sum(1 for c in cues if c.passage.search(head) and not (c.name == "define" and _defines_other(question, head)))


# "没有答复" is a remedy question only when nothing else is asked about it: "不答复，最长能拖多久" asks
# for the deadline, "对方不回复算不算同意" what the silence means (第三十二条).
_NO_REPLY_RE = re.compile(r"不答复|没有?答复|未答复|不回复|没有?回复")


def question_cues(question: str) -> list[Cue]:
    found = [c for c in CUES if c.question.search(question or "")]
    if len(found) > 1 and any(c.name == "remedy" for c in found):
        remedy = next(c for c in found if c.name == "remedy")
        if not remedy.question.search(_NO_REPLY_RE.sub("", question)):
            found = [c for c in found if c.name != "remedy"]
    return found


DEFINED_RE = re.compile(r"所称([^，,。；：\s]{1,20}?)(?:[，,]\s*(?:是指|指)|是指)")


def _defines_other(question: str, text: str) -> bool:
    """The passage defines a word the question does not ask about ("本办法所称信息处理费，是指" for
    "什么是政府信息")."""
    m = DEFINED_RE.search(text or "")
    return bool(m and question and m.group(1) not in question)


def passage_cue_hits(cues: list[Cue], text: str, question: str = "") -> int:
    return sum(1 for c in cues if c.passage.search(text or "")
               and not (c.name == "define" and _defines_other(question, text)))


# Words the 条例 and the guides use for what people ask in other words: a question's "方式" is the
# article's "途径", its "不予公开" the article's "不予提供" (第三十八条), its "多长时间" a "期限". A term
# of the question counts as present when the passage holds it or one of its group.
SYNONYMS = (
    ("方式", "途径", "渠道"),
    ("不予公开", "不予提供", "不得公开", "不公开"),
    ("期限", "时限", "多长时间", "多久"),
    ("职能", "职责"),
    ("目的", "宗旨"),
    ("情形", "情况", "情势"),
    ("免收", "不收费", "免费", "不收取费用"),
    # everyday words for the statute's: "没告诉我" is 告知, "回复" an 答复, "反映" a complaint
    ("告知", "告诉"),
    ("答复", "回复"),
    ("投诉", "反映"),
    ("明确", "清楚"),
    ("相同", "同一个", "同样"),
    ("多个", "很多"),
    ("预决算", "预算、决算"),
    # "不归这个部门管" is the statute's "不属于本行政机关负责公开"; "汇总" the "加工、分析" a request may
    # not demand (最高法 2011 规定: "汇总、分析、加工")
    ("不属于", "不归"),
    ("加工", "汇总"),
    # a citizen's word for the statute's, each a family the 条例 names as one: paying is 收取费用 (第四十二条),
    # a photocopy a 复制 (109号 复制电子数据), a newspaper or magazine a 报刊 (第二十三、三十九条), not seeing
    # or hearing well a 视听障碍 and not being able to read a 阅读困难 (第四十三条), blacking out part of a
    # document the 区分处理 that gives the rest (第三十七条; the 年报 counts it as 部分公开)
    ("收取费用", "收费", "交费", "缴费", "付费", "交钱", "花钱", "付钱", "掏钱"),
    ("复制", "复印", "复印件"),
    ("报刊", "报纸", "杂志", "期刊"),
    ("视听障碍", "看不清", "看不见", "听不清", "听不见"),
    ("阅读困难", "看不懂"),
    ("区分处理", "部分公开", "遮挡", "遮盖"),
)
_SYNONYM_OF = {word: group for group in SYNONYMS for word in group}


def term_variants(term: str) -> tuple:
    """The term and the words the sources use for it (SYNONYMS)."""
    return _SYNONYM_OF.get(term, (term,))


def wants_procedure(cues: list[Cue]) -> bool:
    return any(c.name == "apply" for c in cues)
