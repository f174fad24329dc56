"""Generated catalog documents: realistic titles and bodies from `vocabulary`, marked as generated.

Every document is created, submitted and published through the catalog services (actor None), so
索引号, revisions, audit rows and search indexing happen exactly as for real ones.
"""
import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from gongkai.catalog.models import Category, Document, Genre, RelationKind, Subject, Validity
from gongkai.catalog.services import document_create, document_transition, relation_add
from gongkai.core.errors import UserFacingError
from gongkai.reports.demo import DEMO_YEAR as REPORT_DEMO_YEAR

from . import vocabulary as v

YEARS = range(2019, 2027)
CN_NUM = "一二三四五六七八九十"


@dataclass
class Planned:
    slug: str
    title: str
    genre: str
    category: str
    topic: str
    subject: tuple
    written: dt.date
    published: dt.date
    doc_no: str = ""
    validity: str = Validity.NONE
    relation: tuple = None  # (kind, target Document)
    extra: dict = field(default_factory=dict)


class Generator:
    def __init__(self, *, agencies: dict, seed: int = 20190101, today=None):
        self.agencies = agencies
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.serials = Counter()
        self.subjects = {}
        self.stats = Counter()

    # --- helpers ------------------------------------------------------------------------------

    def _subject(self, pair):
        if pair not in self.subjects:
            top, child = pair
            self.subjects[pair] = (Subject.objects.filter(name=child, parent__name=top).first()
                                   or Subject.objects.filter(name=top, parent=None).first())
        return self.subjects[pair]

    def _dates(self, year):
        last = min(dt.date(year, 12, 31), self.today - dt.timedelta(days=20))
        first = dt.date(year, 1, 4)
        if last <= first:
            first = last - dt.timedelta(days=30)
        written = first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))
        if self.rng.random() < 0.06:
            delay = self.rng.randint(35, 60)  # published late: flagged 逾期公开 on the console
        else:
            delay = self.rng.randint(1, 12)
        return written, min(written + dt.timedelta(days=delay), self.today)

    def _doc_no(self, slug, year):
        self.serials[(slug, year)] += self.rng.randint(1, 6)
        code = next(a[6] for a in v.AGENCIES if a[0] == slug)
        return f"{code}〔{year}〕{self.serials[(slug, year)]}号"

    def _place(self, slug):
        """The place name a document of `slug` is about: 示范市, 示范县 or 青石镇."""
        return v.PLACES.get(slug, v.CITY)

    def _pick_agency(self):
        slugs = list(v.AGENCY_WEIGHTS)
        return self.rng.choices(slugs, weights=[v.AGENCY_WEIGHTS[s] for s in slugs])[0]

    # --- plans --------------------------------------------------------------------------------

    def plan_regular(self) -> Planned:
        rng = self.rng
        slug = self._pick_agency()
        agency = self.agencies[slug]
        topic, top, child = rng.choice(v.TOPICS[slug])
        year = rng.choice(list(YEARS))
        written, published = self._dates(year)
        org, short = agency.name, agency.short_name or agency.name
        place = self._place(slug)
        roll = rng.random()
        doc_no, validity = "", Validity.NONE
        if roll < 0.22:
            word = rng.choice(v.PLAN_WORDS)
            if word == "行动计划":
                word = f"三年行动计划（{year}—{year + 2}年）"
            title, genre, category = f"{org}关于印发《{place}{topic}{word}》的通知", Genre.NOTICE, Category.POLICY
        elif roll < 0.34:
            title = rng.choice([f"{org}关于进一步加强{topic}工作的意见",
                                f"{org}关于推进{topic}高质量发展的实施意见"])
            genre, category = Genre.OPINION, Category.POLICY
        elif roll < 0.44:
            title, genre, category = f"{org}关于做好{year}年{topic}工作的通知", Genre.NOTICE, Category.POLICY
        elif roll < 0.52:
            title, genre, category = f"{org}关于开展{topic}专项行动的通知", Genre.NOTICE, Category.POLICY
        elif roll < 0.58:
            title, genre, category = f"{place}{topic}管理办法", Genre.MEASURES, Category.NORMATIVE
        elif roll < 0.66:
            title = rng.choice([f"{org}关于{topic}有关事项的公告", f"{org}关于开展{topic}检查的通告"])
            genre = Genre.ANNOUNCEMENT if title.endswith("公告") else Genre.PUBLIC_NOTICE
            category = Category.NOTICE
        elif roll < 0.72:
            title, genre, category = (f"{org}关于{year}年度{topic}工作考核情况的通报", Genre.BULLETIN,
                                      Category.WORK)
        elif roll < 0.86:
            verb = rng.choice(v.NEWS_VERBS).format(year=year, topic=topic)
            title, genre, category = f"{short}{verb}", Genre.OTHER, Category.WORK
        elif roll < 0.94:
            if 2021 <= year <= 2022 and rng.random() < 0.5:
                title = f"{place}“十四五”{topic}规划"
            else:
                title = f"{place}{year}年{topic}工作要点"
            genre, category = Genre.OTHER, Category.PLAN
        else:
            title = f"关于公开征求《{place}{topic}管理办法（征求意见稿）》意见的公告"
            genre, category = Genre.ANNOUNCEMENT, Category.CONSULTATION
        if category in (Category.POLICY, Category.NORMATIVE, Category.PLAN) or genre in (
                Genre.ANNOUNCEMENT, Genre.PUBLIC_NOTICE, Genre.BULLETIN):
            doc_no = self._doc_no(slug, written.year)
        if category in (Category.POLICY, Category.NORMATIVE, Category.PLAN):
            validity = Validity.VALID
            if year <= 2020 and rng.random() < 0.1:
                validity = Validity.EXPIRED
        return Planned(slug=slug, title=title, genre=genre, category=category, topic=topic,
                       subject=(top, child), written=written, published=published, doc_no=doc_no,
                       validity=validity)

    def plan_annual_reports(self, count):
        slugs = ["city", "office", "edu", "finance", "health", "nrp", "samr", "county", "qingshi"]
        # The city's report for REPORT_DEMO_YEAR is computed from the data by the reports app's demo:
        # a generated one beside it would give the city two different reports for that year.
        pairs = [(s, y) for y in range(2019, min(self.today.year, 2026)) for s in slugs
                 if dt.date(y + 1, 1, 31) <= self.today and (s, y) != ("city", REPORT_DEMO_YEAR)]
        self.rng.shuffle(pairs)
        for slug, year in sorted(pairs[:count], key=lambda p: p[1]):
            agency = self.agencies[slug]
            written = dt.date(year + 1, 1, self.rng.randint(10, 25))
            yield Planned(slug=slug, title=f"{agency.name}{year}年政府信息公开工作年度报告",
                          genre=Genre.REPORT, category=Category.ANNUAL_REPORT, topic="政府信息公开",
                          subject=("综合政务", "政务公开"), written=written,
                          published=min(dt.date(year + 1, 1, 31), self.today))

    def plan_interpretation(self, target: Document, topic) -> Planned:
        core = target.title.split("《")[-1].split("》")[0] if "《" in target.title else target.title
        title = self.rng.choice([f"《{core}》政策解读", f"一图读懂《{core}》", f"《{core}》解读"])
        published = min(target.publish_date + dt.timedelta(days=self.rng.randint(0, 3)), self.today)
        subject = (target.subject.parent.name, target.subject.name) if target.subject and target.subject.parent_id \
            else ("综合政务", "政务公开")
        return Planned(slug=target.agency.slug, title=title, genre=Genre.INTERPRETATION,
                       category=Category.INTERPRETATION, topic=topic, subject=subject,
                       written=published, published=published,
                       relation=(RelationKind.INTERPRETS, target))

    def plan_change(self, target: Document, kind) -> Planned:
        year = self.rng.randint(target.publish_date.year + 1, min(self.today.year, 2026))
        written, published = self._dates(year)
        verb = "废止" if kind == RelationKind.ABOLISHES else "修改"
        org = target.agency.name
        subject = (target.subject.parent.name, target.subject.name) if target.subject and target.subject.parent_id \
            else ("综合政务", "其他")
        inner = target.title.replace("《", "〈").replace("》", "〉")  # nested book-title marks
        return Planned(slug=target.agency.slug, title=f"{org}关于{verb}《{inner}》的决定",
                       genre=Genre.DECISION, category=Category.POLICY, topic=target.keywords,
                       subject=subject, written=written, published=published,
                       doc_no=self._doc_no(target.agency.slug, written.year), validity=Validity.VALID,
                       relation=(kind, target))

    # --- bodies -------------------------------------------------------------------------------

    def body(self, p: Planned) -> str:
        rng, topic = self.rng, p.topic
        agency = self.agencies[p.slug]
        kind = "township" if agency.level == "township" else agency.kind
        parts = [f"<p>{v.MARK}本文由演示数据生成器自动生成，用于展示平台功能，不是真实的政府文件。</p>"]
        if p.category == Category.ANNUAL_REPORT:
            parts += [
                "<h2>一、总体情况</h2>",
                f"<p>{p.written.year - 1}年，{agency.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                "坚持以公开为常态、不公开为例外，持续深化政务公开工作。</p>",
                "<h2>二、主动公开政府信息情况</h2>",
                f"<p>全年主动公开政府信息{rng.randint(80, 900)}条，其中政策文件{rng.randint(5, 60)}件。</p>",
                "<h2>三、收到和处理政府信息公开申请情况</h2>",
                f"<p>全年收到政府信息公开申请{rng.randint(3, 120)}件，均在法定期限内办结。</p>",
                "<h2>四、存在的主要问题及改进情况</h2>",
                "<p>政策解读的针对性还需加强。下一步将进一步完善解读材料，提升公开实效。</p>",
            ]
        elif p.category == Category.INTERPRETATION:
            target = p.relation[1]
            parts += [
                "<h2>一、起草背景</h2>",
                f"<p>为{rng.choice(v.PURPOSES).format(topic=topic)}，{target.agency.name}制定了《{target.title}》。</p>",
                "<h2>二、主要内容</h2>",
                f"<p>文件围绕{rng.choice(v.TASKS)}、{rng.choice(v.TASKS)}等方面提出了具体措施。</p>",
                "<h2>三、解读机关及联系方式</h2>",
                f"<p>解读机关：{target.agency.name}。</p>",
            ]
        elif p.genre == Genre.DECISION:
            kind_word = "废止" if p.relation[0] == RelationKind.ABOLISHES else "修改"
            parts += [f"<p>经研究，决定{kind_word}《{p.relation[1].title}》。</p>",
                      "<p>本决定自印发之日起施行。</p>"]
        elif p.category == Category.WORK and p.genre == Genre.OTHER:
            parts += [
                f"<p>近日，{agency.name}{rng.choice(v.NEWS_VERBS).format(year=p.written.year, topic=topic)}，"
                f"总结前一阶段工作，部署下一步任务。</p>",
                f"<p>会议要求，{rng.choice(v.TASK_SENTENCES)}{rng.choice(v.TASK_SENTENCES)}</p>",
            ]
        else:
            parts += [
                f"<p>{v.RECIPIENTS[kind]}：</p>",
                f"<p>为{rng.choice(v.PURPOSES).format(topic=topic)}，根据{rng.choice(v.BASES)}，"
                "结合本地实际，现就有关事项通知如下。</p>",
                "<h2>一、总体要求</h2>",
                f"<p>{rng.choice(v.GOALS).format(topic=topic, end=p.written.year + 2)}</p>",
                "<h2>二、主要任务</h2>",
            ]
            for i, task in enumerate(rng.sample(v.TASKS, 3)):
                parts += [f"<h3>（{CN_NUM[i]}）{task}</h3>", f"<p>{rng.choice(v.TASK_SENTENCES)}</p>"]
            parts += ["<h2>三、保障措施</h2>", f"<p>{rng.choice(v.SAFEGUARDS)}</p>"]
        parts += [f"<p>{agency.name}</p>",
                  f"<p>{p.written.year}年{p.written.month}月{p.written.day}日</p>"]
        return "".join(parts)

    # --- saving -------------------------------------------------------------------------------

    def save(self, p: Planned):
        """Create and publish one planned document; return it (a draft if publishing was refused)."""
        doc = document_create(
            agency=self.agencies[p.slug], actor=None, title=p.title, doc_no=p.doc_no,
            subject=self._subject(p.subject), subject_label="", category=p.category, genre=p.genre,
            keywords=p.topic[:200], written_date=p.written, publish_date=p.published,
            validity=p.validity, body_html=self.body(p), is_generated=True,
            source_name=f"{v.MARK}演示数据生成器",
            expiry_date=(min(p.published + dt.timedelta(days=730), self.today)
                         if p.validity == Validity.EXPIRED else None),
        )
        if p.relation:
            relation_add(source=doc, target=p.relation[1], kind=p.relation[0], actor=None)
        try:
            document_transition(document=doc, action="submit", actor=None)
            doc = document_transition(document=doc, action="publish", actor=None)
            self.stats["published"] += 1
        except UserFacingError:
            self.stats["draft"] += 1
        self.stats["total"] += 1
        return doc

    def run(self, count: int):
        """Generate about `count` documents."""
        n_reports = max(1, count // 12)
        n_interp = max(1, count // 8)
        n_change = max(1, count // 25)
        n_regular = max(0, count - n_reports - n_interp - n_change)
        plans = [self.plan_regular() for _ in range(n_regular)] + list(self.plan_annual_reports(n_reports))
        plans.sort(key=lambda p: p.published)
        saved = [(p, self.save(p)) for p in plans]
        policies = [(p, d) for p, d in saved if d.status == "published"
                    and p.category in (Category.POLICY, Category.NORMATIVE) and p.genre != Genre.DECISION]
        self.rng.shuffle(policies)
        for p, target in policies[:n_interp]:
            self.save(self.plan_interpretation(target, p.topic))
        older = [(p, d) for p, d in policies[n_interp:] if d.publish_date.year <= 2023
                 and d.validity == Validity.VALID]
        for i, (p, target) in enumerate(older[:n_change]):
            self.save(self.plan_change(target, RelationKind.ABOLISHES if i % 2 == 0 else RelationKind.AMENDS))
        return self.stats
