"""What the 问答 returns: an answer (a passage or a FAQ entry, with its source) and the result of a
question (the answers, best first, or the pointer to the form)."""
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe


@dataclass
class Answer:
    text: str
    source_title: str
    source_url: str
    article: str = ""
    heading: str = ""
    validity: str = ""
    in_force: bool = True
    score: float = 0.0
    kind: str = "paragraph"
    sentence: str = ""
    doc_no: str = ""
    annual_report: bool = False
    parts: tuple = ()
    document_id: int = 0
    ordinal: int = 0
    covered: frozenset = frozenset()   # the question's words the passage holds (_covered)
    asked: frozenset = frozenset()     # the question's words (those a passage may hold)
    distinct: frozenset = frozenset()  # the question's words rare in the sources (DISTINCT_SHARE)

    def to_dict(self):
        return {"text": self.text, "source_title": self.source_title, "source_url": self.source_url,
                "article": self.article, "validity": self.validity, "score": round(self.score, 4)}

    @property
    def text_html(self):
        """The passage with the answering sentence marked."""
        if not self.sentence or self.sentence not in self.text:
            return escape(self.text)
        before, _sep, after = self.text.partition(self.sentence)
        return mark_safe(escape(before) + '<mark class="answer-sentence">' + escape(self.sentence) + "</mark>"
                         + escape(after))


@dataclass
class AnswerResult:
    question: str
    answers: list = field(default_factory=list)
    fallback: dict | None = None
    links: list = field(default_factory=list)
    faq: bool = False
    elapsed_ms: float = 0.0

    def to_dict(self):
        return {"answers": [a.to_dict() for a in self.answers], "fallback": self.fallback}
