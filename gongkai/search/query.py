"""Parse what a person types into the search box or asks on the 智能问答 page.

Syntax: words, "quoted phrases" (exact), `-词` (exclude). A whole query that is a 发文字号 in any
bracket style, or an 索引号, also pins that document to the top.
"""
import re
from dataclasses import dataclass, field

from gongkai.catalog.docno import parse_doc_no
from gongkai.core.text import strip_inner_spaces

from .analysis import RUN_RE, CJK_RE, analyzer, normalize_text, strip_punct

_PART_RE = re.compile(r'(-?)(?:"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|『([^』]*)』?|(\S+))')
MAX_QUERY = 200


@dataclass
class Term:
    text: str                 # normalised, as typed (for highlighting)
    tokens: list[str]         # all required
    alt: str = ""             # a vocabulary word token that satisfies the term on its own
    runs: list = field(default_factory=list)  # tokens per run, in order (quoted phrases)
    phrase: bool = False

    @property
    def usable(self):
        return bool(self.tokens or self.alt)


@dataclass
class ParsedQuery:
    raw: str
    terms: list[Term] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excludes: list[Term] = field(default_factory=list)
    boost: list[str] = field(default_factory=list)
    doc_no_key: str = ""
    index_no: str = ""

    @property
    def empty(self):
        return not self.terms

    @property
    def highlight_terms(self) -> list[str]:
        return [t.text for t in self.terms]


def term_tokens(norm: str) -> list[str]:
    """Required tokens of a normalised term: bigrams of CJK runs, single characters, letter/digit runs."""
    out = []
    for run in RUN_RE.findall(norm.lower()):
        if len(run) == 1 or not CJK_RE.match(run):
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return list(dict.fromkeys(out))


def run_tokens(run: str) -> list[str]:
    """The consecutive index tokens of one run: its bigrams (a single character or letters/digits: itself)."""
    if len(run) > 1 and run[0] > "z":
        return [run[i:i + 2] for i in range(len(run) - 1)]
    return [run]


def phrase_runs(text: str) -> list[str]:
    """The runs of a quoted phrase that every matching document holds whole, in order.

    A single CJK character or a letter/digit run at either end of a phrase of several runs may be
    part of a longer run in the document (于 in 情况于1月, 2 in 不少于20); the runs in between are
    whole runs in every matching document. The index matches the phrase itself on its positions
    (engine.phrase_query); these tokens only feed the suggestions and the boost words.
    """
    runs = RUN_RE.findall(text.lower())
    if len(runs) < 2:
        return runs
    def partial(run):
        return len(run) == 1 or run[0] <= "z"
    start, end = 0, len(runs)
    if partial(runs[0]):
        start = 1
    if end > start and partial(runs[-1]):
        end -= 1
    return runs[start:end]


def term_make(norm: str) -> Term:
    an = analyzer()
    key = strip_punct(norm)
    alt = key if key in an.words and len(key) >= 3 and CJK_RE.match(key) else ""
    return Term(text=norm, tokens=term_tokens(norm), alt=alt)


def doc_no_key(value: str) -> str:
    parsed = parse_doc_no(value)
    if parsed is None:
        return ""
    code, year, seq = parsed
    return f"{code}|{year}|{seq}"


def index_no_key(value: str) -> str:
    return strip_inner_spaces(normalize_text(value or "")).upper()[:64]


def parse_query(raw: str) -> ParsedQuery:
    """Turn the text of the search box into terms, phrases, exclusions and pinned identifiers."""
    raw = (raw or "")[:MAX_QUERY]
    norm = normalize_text(raw).strip()
    parsed = ParsedQuery(raw=raw)
    parsed.doc_no_key = doc_no_key(norm)
    if norm and len(norm) <= 64 and any(ch.isdigit() for ch in norm):
        parsed.index_no = index_no_key(norm)
    an = analyzer()
    for m in _PART_RE.finditer(norm):
        negative = m.group(1) == "-"
        quoted = next((g for g in m.group(2, 3, 4, 5) if g is not None), None)
        text = (quoted if quoted is not None else m.group(6) or "").strip()
        if not text:
            continue
        term = term_make(text)
        if not term.usable:
            continue
        if quoted is not None and len(text) > 1:
            runs = phrase_runs(text)
            term.phrase = True
            if runs:
                term.runs = [run_tokens(run) for run in runs]
                term.tokens = list(dict.fromkeys(tok for run in term.runs for tok in run))
            else:  # only partial runs (起2): their single characters
                singles = [r for r in RUN_RE.findall(text.lower()) if len(r) == 1 and r > "z"]
                term.tokens = singles or term.tokens
        if negative:
            parsed.excludes.append(term)
            continue
        parsed.terms.append(term)
        if quoted is not None and len(text) > 1:
            parsed.phrases.append(text.lower())
        parsed.boost.extend(w for w in an.words_in(text.lower()) if w not in term.tokens and w != term.alt)
    parsed.boost = list(dict.fromkeys(parsed.boost))[:8]
    return parsed


# Words that carry the form of a question, not its content (智能问答).
QUESTION_WORDS = sorted({
    "请问", "请教", "咨询", "想问", "我想", "我要", "如何", "怎么", "怎样", "怎么样", "什么", "哪些", "哪个", "哪里",
    "哪儿", "多少", "多久", "几个", "几天", "是否", "能否", "可否", "可以", "能不能", "是不是", "有没有", "为什么",
    "吗", "呢", "吧", "啊", "的", "了", "是", "有", "在", "和", "与", "及", "或", "对", "被", "把", "给", "要",
    "需要", "应该", "应当", "我", "我们", "你们", "您", "他们", "这个", "那个", "一下", "办理", "规定",
    "这样", "那样", "这么", "那么", "一定", "到底", "究竟", "会不会", "不会",
    # the time and insistence around what is asked ("以前不公开的信息", "一直没答复", "必须回复吗")
    "什么样", "一直", "以前", "以后", "必须",
}, key=len, reverse=True)
_QUESTION_RE = re.compile("|".join(map(re.escape, QUESTION_WORDS)))


def is_word(text: str) -> bool:
    """`text` is a word of the segmenter's dictionary (or not Chinese), not a fragment its HMM glued
    from characters it had no word for ("住建局" cut as 住 + "建局", "时间内要" giving "内要")."""
    if not CJK_RE.match(text or ""):
        return True
    return len(list(analyzer().jieba.cut(text, False))) == 1


def parse_question(raw: str) -> ParsedQuery:
    """Keep the content words of a plain-language question; every word is optional (ranked by BM25)."""
    raw = (raw or "")[:MAX_QUERY]
    norm = normalize_text(raw).lower()
    an = analyzer()
    parsed = ParsedQuery(raw=raw)
    words = []
    for run in RUN_RE.findall(norm):
        if not CJK_RE.match(run):
            words.append(run)
            continue
        for word in an.jieba.cut(run):
            word = _QUESTION_RE.sub(" ", word) if word in QUESTION_WORDS or len(word) == 1 else word
            for piece in word.split():
                if len(piece) >= 2 or (piece and len(run) == 1):
                    words.append(piece)
    for word in dict.fromkeys(words):
        term = term_make(word)
        if term.usable:
            parsed.terms.append(term)
    return parsed
