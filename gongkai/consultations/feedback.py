"""The 意见采纳情况反馈, computed from the ledger: figures and the HTML that goes to the catalog."""
from collections import Counter
from dataclasses import dataclass, field

from django.utils.html import escape

from .models import Disposition


@dataclass
class Opinion:
    text: str
    count: int
    disposition: str
    reason: str
    article: str


@dataclass
class Figures:
    received: int = 0
    groups: int = 0
    by_disposition: dict = field(default_factory=dict)  # Disposition value -> comments
    by_article: list = field(default_factory=list)  # [(label, received, adopted incl. partly)]
    by_channel: dict = field(default_factory=dict)
    opinions: list = field(default_factory=list)  # one per group, largest first
    pending: int = 0

    @property
    def adopted(self):
        return self.by_disposition.get(Disposition.ADOPTED, 0)

    @property
    def partly(self):
        return self.by_disposition.get(Disposition.PARTLY, 0)

    @property
    def not_adopted(self):
        return self.received - self.adopted - self.partly - self.pending


def figures_counts(*, consultation) -> Figures:
    """Only the counts (received, groups, per disposition, pending), from the database: what the
    ledger page shows at the top, without loading every comment."""
    from django.db.models import Count

    qs = consultation.comments.order_by()
    fig = Figures(received=qs.count(), groups=qs.values("group_key").distinct().count())
    fig.by_disposition = {row["disposition"]: row["n"] for row in qs.exclude(disposition="")
                          .values("disposition").annotate(n=Count("id"))}
    fig.pending = qs.filter(disposition="").count()
    return fig


def figures_compute(*, consultation) -> Figures:
    comments = list(consultation.comments.select_related("article").order_by("received_at", "id"))
    fig = Figures(received=len(comments))
    fig.by_disposition = dict(Counter(c.disposition for c in comments if c.disposition))
    fig.by_channel = dict(Counter(c.channel for c in comments))
    fig.pending = sum(1 for c in comments if not c.disposition)
    per_article = {a.pk: [a.label, 0, 0] for a in consultation.articles.all()}
    groups: dict[str, list] = {}
    for c in comments:
        if c.article_id in per_article:
            row = per_article[c.article_id]
            row[1] += 1
            row[2] += c.disposition in (Disposition.ADOPTED, Disposition.PARTLY)
        groups.setdefault(c.group_key or c.receipt_no, []).append(c)
    fig.groups = len(groups)
    fig.by_article = [tuple(row) for row in per_article.values() if row[1]]
    for members in groups.values():
        head = members[0]
        fig.opinions.append(Opinion(text=head.public_body or head.body, count=len(members),
                                    disposition=head.disposition, reason=head.reason,
                                    article=head.article.label if head.article_id else "总体意见"))
    fig.opinions.sort(key=lambda o: -o.count)
    return fig


def feedback_html(*, consultation, figures: Figures, opinion_text) -> str:
    """The body of the feedback document. `opinion_text(text)` makes an opinion fit to publish."""
    labels = dict(Disposition.choices)
    p = [f"<p>{escape(consultation.agency.name)}于{consultation.start_date:%Y年%m月%d日}至"
         f"{consultation.end_date:%Y年%m月%d日}就{escape(consultation.title)}公开征求意见，"
         f"共收到意见{figures.received}条（归并为{figures.groups}类），其中采纳{figures.adopted}条，"
         f"部分采纳{figures.partly}条，未采纳{figures.not_adopted}条。现将意见采纳情况反馈如下。</p>"]
    p.append("<h2>一、意见处理情况</h2><table><thead><tr><th>处理结果</th><th>条数</th></tr></thead><tbody>")
    for value, label in Disposition.choices:
        if value and figures.by_disposition.get(value):
            p.append(f"<tr><td>{escape(label)}</td><td>{figures.by_disposition[value]}</td></tr>")
    p.append("</tbody></table>")
    if figures.by_article:
        p.append("<h2>二、各条目意见情况</h2><table><thead><tr><th>条目</th><th>意见条数</th>"
                 "<th>采纳（含部分采纳）</th></tr></thead><tbody>")
        p += [f"<tr><td>{escape(label)}</td><td>{n}</td><td>{a}</td></tr>" for label, n, a in figures.by_article]
        p.append("</tbody></table>")
    p.append(f"<h2>{'三' if figures.by_article else '二'}、主要意见及采纳情况</h2><ol>")
    for op in figures.opinions:
        same = f"（同类意见{op.count}条）" if op.count > 1 else ""
        reason = f"理由：{escape(op.reason)}" if op.reason else ""
        p.append(f"<li><p>【{escape(op.article)}】{escape(opinion_text(op.text))}{same}</p>"
                 f"<p>处理结果：{escape(labels.get(op.disposition, '待处理'))}。{reason}</p></li>")
    p.append("</ol><p>感谢社会各界对本次意见征集的关注和支持。</p>")
    return "".join(p)
