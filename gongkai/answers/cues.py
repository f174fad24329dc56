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
        re.compile(r"期限|时限|多少天|多少日|多少个?工作日|几天|几日|多久|多长时间|什么时候|何时|时间|日内|最长|超过"),
        re.compile(rf"{_N}\s*个?(?:工作日|日|天|个月|年)|当场"),),
    Cue("fee",
        re.compile(r"收费|多少钱|费用|缴费|交费|付费|免费|免收|收取|信息处理费|标准"),
        re.compile(r"收费|收取|费用|信息处理费|元/|不收取"),),
    Cue("apply",
        re.compile(r"(?:怎么|怎样|如何|怎么样|哪些方式|什么方式|途径|渠道)\S{0,8}(?:申请|提出|获取)|"
                   r"(?:申请|提出)\S{0,4}(?:方式|途径|渠道|流程|程序|手续)|匿名"),
        re.compile(r"书面形式|当面|信函|信件|数据电文|在线|口头|申请表|邮寄|互联网|身份证明"),),
    Cue("withhold",
        re.compile(r"拒绝|不予公开|不公开|不能公开|不可以公开|可以不|秘密|隐私|过程性|内部事务|例外"),
        re.compile(r"不予公开|不得公开|可以不予公开|不公开|国家秘密|商业秘密|个人隐私"),),
    Cue("remedy",
        re.compile(r"不答复|怎么办|复议|诉讼|起诉|投诉|举报|救济|不服|侵犯"),
        re.compile(r"行政复议|行政诉讼|投诉|举报|起诉|督促整改"),),
)


def question_cues(question: str) -> list[Cue]:
    return [c for c in CUES if c.question.search(question or "")]


def passage_cue_hits(cues: list[Cue], text: str) -> int:
    return sum(1 for c in cues if c.passage.search(text or ""))


def wants_procedure(cues: list[Cue]) -> bool:
    return any(c.name == "apply" for c in cues)
