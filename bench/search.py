#!/usr/bin/env python
"""Search benchmark: `make bench-search` (or `.venv/bin/python bench/search.py`).

Generates a corpus of realistic documents (40 agencies with their own topics, 2008–2025, 22 主题分类,
文种, 有效性, 文号 and 索引号; bodies assembled from a few hundred sentence patterns and a vocabulary
of about 600 domain words and place names), loads it into a separate SQLite file under bench/out/
and a separate PostgreSQL database (gongkai_bench, dropped afterwards), builds the search index
through the product's own code (`index_rebuild`: normalisation, segmentation, passages, the
database rows and the tantivy index under bench/out/var/search-index-<database>), then runs a
fixed set of queries through `search_documents` (first page of 10 with facet counts, highlighted
snippets; relevance and date sorts, filters, phrases) and `passage_candidates` (问答 passages), and
reports p50/p95/p99 per kind. A sample of the queries also runs through a LIKE scan.

Each engine runs in its own process (settings come from DATABASE_URL). Results go to
bench/out/search-results.json; `--write-doc` also rewrites the search section of docs/PERFORMANCE.md.
"""
import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH_DB = os.environ.get("BENCH_PG_DB", "gongkai_bench")  # its own name when several people bench at once

# --- corpus vocabulary ------------------------------------------------------------------------------

CITY = "江澄市"
TOWNS = ["临川镇", "白沙镇", "青溪镇", "石门乡", "柳营镇", "东湖街道", "西塘街道", "梅山镇", "枫林乡", "桃源镇",
         "双溪镇", "龙泉乡", "凤鸣街道", "松岭镇", "云阳镇", "长乐乡", "安平镇", "清河街道", "南浦镇", "北港镇"]
DOMAINS = {
    "finance": ("财政", ["预算管理", "决算公开", "政府采购", "惠企资金", "专项债券", "非税收入", "国库集中支付",
                         "财政预决算", "三公经费", "绩效评价", "转移支付", "资产管理"]),
    "edu": ("教育", ["义务教育", "学前教育", "校园安全", "教师队伍", "招生入学", "校外培训", "职业教育", "课后服务",
                     "教育督导", "学生资助", "双减", "营养改善"]),
    "health": ("卫生健康", ["基层医疗", "家庭医生", "传染病防控", "公共卫生", "医疗机构", "疫苗接种", "妇幼保健",
                            "健康促进", "医保支付", "药品采购", "院前急救", "中医药"]),
    "nrp": ("自然资源", ["国土空间规划", "耕地保护", "征地补偿", "不动产登记", "地质灾害", "矿产资源", "林地管理",
                         "土地整治", "测绘地理", "用地审批", "生态修复", "海域使用"]),
    "market": ("市场监管", ["食品安全", "特种设备", "知识产权", "计量标准", "市场主体登记", "价格监督", "广告监管",
                            "药品安全", "消费维权", "网络交易", "产品质量", "认证认可"]),
    "housing": ("住房城乡建设", ["老旧小区改造", "保障性住房", "物业管理", "建筑施工安全", "城市更新", "燃气安全",
                                 "房屋征收", "住房公积金", "棚户区改造", "建筑节能", "工程质量", "城市排水"]),
    "transport": ("交通运输", ["公交优先", "道路养护", "农村公路", "出租汽车", "客运安全", "交通拥堵治理", "港口航道",
                               "网约车", "治超", "物流降本", "桥梁隧道", "公路建设"]),
    "env": ("生态环境", ["大气污染防治", "水污染防治", "河长制", "垃圾分类", "固体废物", "噪声污染", "排污许可",
                         "环境影响评价", "碳达峰", "饮用水源", "土壤污染", "生态补偿"]),
    "civil": ("民政", ["最低生活保障", "特困供养", "养老服务", "社会救助", "殡葬管理", "婚姻登记", "社区治理",
                       "儿童福利", "残疾人两项补贴", "社会组织", "慈善事业", "区划地名"]),
    "hr": ("人力资源社会保障", ["就业创业", "稳就业", "社会保险", "工伤认定", "职业技能培训", "劳动保障监察",
                                "人才引进", "事业单位招聘", "根治欠薪", "退休审批", "技能人才", "失业保险"]),
    "agri": ("农业农村", ["乡村振兴", "高标准农田", "粮食生产", "农村人居环境", "动物防疫", "农产品质量",
                          "宅基地管理", "农业保险", "家庭农场", "农机购置补贴", "渔业管理", "种业振兴"]),
    "safety": ("应急管理", ["安全生产", "防汛防台", "森林防火", "危险化学品", "应急预案", "自然灾害救助",
                            "消防安全", "安全生产三年行动", "应急演练", "地震防御", "矿山安全", "烟花爆竹"]),
    "gov": ("政务公开", ["政务公开", "政府信息公开", "依申请公开", "政策解读", "政务服务", "一网通办", "最多跑一次",
                         "放管服", "双随机一公开", "营商环境", "互联网+政务服务", "12345热线"]),
    "tax": ("税务", ["减税降费", "留抵退税", "个人所得税", "增值税发票", "纳税服务", "税收优惠", "社保费征缴",
                     "出口退税", "电子税务局", "税务稽查", "房产税", "印花税"]),
    "culture": ("文化旅游", ["文物保护", "公共文化服务", "旅游市场", "非物质文化遗产", "图书馆", "文化市场执法",
                             "全民健身", "体育设施", "景区管理", "乡村旅游", "演出市场", "档案管理"]),
    "water": ("水利", ["水资源管理", "水库安全", "农田水利", "山洪灾害", "河道采砂", "水土保持", "节约用水",
                       "供水保障", "防洪工程", "灌区改造", "取水许可", "水利工程"]),
}
AGENCIES = [
    # name, 文号 code, domains, kind, level
    (f"{CITY}人民政府", "江政发", ["gov", "safety", "agri", "finance"], "government", "city"),
    (f"{CITY}人民政府办公室", "江政办发", ["gov", "safety", "housing", "civil"], "department", "city"),
    (f"{CITY}财政局", "江财", ["finance", "tax"], "department", "city"),
    (f"{CITY}教育局", "江教发", ["edu"], "department", "city"),
    (f"{CITY}卫生健康委员会", "江卫健发", ["health"], "department", "city"),
    (f"{CITY}自然资源和规划局", "江资规", ["nrp"], "department", "city"),
    (f"{CITY}市场监督管理局", "江市监", ["market"], "department", "city"),
    (f"{CITY}住房和城乡建设局", "江建发", ["housing"], "department", "city"),
    (f"{CITY}交通运输局", "江交发", ["transport"], "department", "city"),
    (f"{CITY}生态环境局", "江环发", ["env"], "department", "city"),
    (f"{CITY}民政局", "江民发", ["civil"], "department", "city"),
    (f"{CITY}人力资源和社会保障局", "江人社发", ["hr"], "department", "city"),
    (f"{CITY}农业农村局", "江农发", ["agri"], "department", "city"),
    (f"{CITY}应急管理局", "江应急", ["safety"], "department", "city"),
    (f"{CITY}水利局", "江水发", ["water"], "department", "city"),
    (f"{CITY}文化广电旅游体育局", "江文旅", ["culture"], "department", "city"),
    (f"国家税务总局{CITY}税务局", "江税发", ["tax"], "department", "city"),
    (f"{CITY}数据资源管理局", "江数发", ["gov"], "department", "city"),
    (f"{CITY}司法局", "江司发", ["gov", "civil"], "department", "city"),
    (f"{CITY}发展和改革委员会", "江发改", ["finance", "agri", "transport"], "department", "city"),
] + [
    (f"{CITY}{town}{'人民政府' if town.endswith(('镇', '乡')) else '办事处'}", f"{town[:2]}政发",
     ["gov", "agri", "civil", "safety"], "government", "township")
    for town in TOWNS
]
ACTIONS = ["进一步加强", "深入推进", "做好", "开展", "规范", "全面落实", "加快推进", "切实做好", "统筹推进", "持续优化"]
GOALS = ["高质量发展", "规范化建设", "标准化建设", "数字化改革", "专项整治", "示范创建", "长效机制", "能力提升"]
SUBJECT_INDEX = {"finance": 5, "edu": 13, "health": 14, "nrp": 8, "market": 11, "housing": 9, "transport": 10,
                 "env": 8, "civil": 16, "hr": 15, "agri": 7, "safety": 17, "gov": 0, "tax": 5, "culture": 12,
                 "water": 7}
SENTENCES = [
    "各{place}要把{t1}工作摆在突出位置，建立健全{t2}工作机制，确保各项任务落到实处。",
    "到{year}年底，全市{t1}覆盖率达到{pct}%以上，{t2}水平明显提升。",
    "{agency}负责{t1}的统筹协调和监督检查，{place}人民政府负责本辖区{t2}的组织实施。",
    "对{t1}中发现的问题，要建立台账、限期整改，整改情况于{month}月{day}日前报送{agency}。",
    "加强{t1}与{t2}的衔接配合，推动信息共享和业务协同。",
    "{year}年共办理{t1}事项{n}件，其中按期办结{n2}件，群众满意率{pct}%。",
    "严格落实{t1}责任制，对工作不力、造成严重后果的，依法依规追究有关人员责任。",
    "鼓励社会力量参与{t1}，完善{t2}政策措施，营造良好氛围。",
    "{place}试点开展{t1}改革，探索形成可复制可推广的经验做法。",
    "本通知自印发之日起施行，有效期{years}年，执行中遇到的问题请及时向{agency}反映。",
    "各地各部门要按照{goal}的要求，统筹推进{t1}和{t2}。",
    "安排{t1}专项资金{n}万元，重点支持{place}等地{t2}项目建设。",
    "联系人：{agency}{t1}科，联系电话：0575-{tel}。",
    "依法做好{t1}信息的主动公开，及时回应社会关切，接受群众监督。",
    "建立{t1}定期报告制度，每季度末向{agency}报送工作进展情况。",
    "{place}要结合实际制定{t1}实施细则，明确时间表、路线图和责任人。",
    "组织开展{t1}专项检查，检查覆盖率不低于{pct}%，发现问题{n}个并全部完成整改。",
    "推进{t1}数字化应用，实现{t2}事项网上办理、掌上办理。",
    "对符合条件的{t1}对象给予一次性补助，补助标准为每人{n}元。",
    "加强{t1}队伍建设，每年组织业务培训不少于{k}次。",
]
ARTICLE_SENTENCES = [
    "为了规范{t1}工作，保障公民、法人和其他组织的合法权益，根据有关法律法规，结合本市实际，制定本办法。",
    "本办法适用于本市行政区域内的{t1}及其监督管理活动。",
    "{agency}是本市{t1}工作的主管部门，负责本办法的组织实施。",
    "申请{t1}的，应当向{agency}提交书面申请，{agency}应当自收到申请之日起{k}个工作日内作出决定。",
    "不予受理或者不予批准的，应当书面告知申请人并说明理由。",
    "违反本办法规定，有关单位未按要求履行{t1}职责的，由{agency}责令限期改正。",
    "{t1}有关信息应当依法主动公开，涉及国家秘密、商业秘密和个人隐私的除外。",
    "本办法自{year}年{month}月{day}日起施行。",
]
GENRE_TITLES = [
    ("通知", "{agency}关于{action}{year}年{t1}工作的通知"),
    ("通知", "{agency}关于印发《{city}{t1}实施方案》的通知"),
    ("意见", "{agency}关于{action}{t1}{goal}的实施意见"),
    ("办法", "{city}{t1}管理办法"),
    ("通告", "{agency}关于开展{t1}检查的通告"),
    ("公告", "{agency}关于{t1}有关事项的公告"),
    ("通报", "{agency}关于{year}年度{t1}工作考核情况的通报"),
    ("报告", "{agency}{year}年{t1}工作情况报告"),
    ("方案", "{city}{t1}专项行动方案"),
    ("决定", "{agency}关于废止《{city}{t1}管理办法》的决定"),
    ("其他", "{agency}召开{year}年{t1}工作推进会"),
    ("解读", "《{city}{t1}管理办法》政策解读"),
]
VALIDITIES = ["valid"] * 6 + ["amended", "abolished", "expired"] + [""] * 3
NUMS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return NUMS[n - 1]
    if n < 20:
        return "十" + NUMS[n - 11]
    return NUMS[n // 10 - 1] + "十" + (NUMS[n % 10 - 1] if n % 10 else "")


def generate(count: int, seed: int = 20240501):
    """Yield `count` documents as dicts (deterministic for a seed)."""
    rng = random.Random(seed)
    serial = {}
    docno_seq = {}
    for i in range(count):
        a_idx = rng.randrange(len(AGENCIES)) if rng.random() < 0.6 else rng.randrange(20)
        name, code, domains, _kind, _level = AGENCIES[a_idx]
        domain = rng.choice(domains)
        terms = DOMAINS[domain][1]
        t1, t2 = rng.sample(terms, 2)
        year = 2008 + int((i / count) * 18)  # ids grow with time, as in a real catalog
        genre, tpl = rng.choice(GENRE_TITLES)
        fill = {"agency": name, "city": CITY, "action": rng.choice(ACTIONS), "goal": rng.choice(GOALS),
                "year": year, "t1": t1}
        title = tpl.format(**fill)
        date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        doc_no = ""
        if genre not in ("其他", "解读", "报告") and rng.random() < 0.85:
            key = (code, year)
            docno_seq[key] = docno_seq.get(key, 0) + 1
            doc_no = f"{code}〔{year}〕{docno_seq[key]}号"
        serial[(a_idx, year)] = serial.get((a_idx, year), 0) + 1
        index_no = f"JC{a_idx:03d}/{year}-{serial[(a_idx, year)]:05d}"
        sentences = ARTICLE_SENTENCES if genre == "办法" else SENTENCES
        lines = []
        n_par = rng.randint(4, 12)
        for p in range(n_par):
            k = rng.randint(1, 3)
            text = "".join(
                rng.choice(sentences).format(
                    place=rng.choice(TOWNS), t1=rng.choice((t1, t1, t2, rng.choice(terms))), t2=rng.choice(terms),
                    agency=name, year=year + rng.randint(0, 2), pct=rng.randint(60, 99), n=rng.randint(3, 900),
                    n2=rng.randint(1, 300), month=rng.randint(1, 12), day=rng.randint(1, 28),
                    years=rng.choice((2, 3, 5)), goal=rng.choice(GOALS), tel=rng.randint(80000000, 89999999),
                    k=rng.randint(2, 20))
                for _ in range(k))
            if genre == "办法":
                text = f"第{cn_number(p + 1)}条 " + text
            elif rng.random() < 0.3:
                lines.append(f"{cn_number(p + 1)}、{rng.choice(terms)}")
            lines.append(text)
        yield {
            "agency": a_idx, "title": title, "doc_no": doc_no, "index_no": index_no, "genre": genre,
            "subject": SUBJECT_INDEX[domain], "validity": rng.choice(VALIDITIES) if genre != "其他" else "",
            "publish_date": date, "body_text": "\n".join(lines), "domain": domain, "terms": (t1, t2),
        }


def generated_document(model, d, *, agencies, tops, with_html=False):
    """An unsaved published `model` (catalog Document) row for generated document `d`."""
    extra = {"body_html": "".join(f"<p>{p}</p>" for p in d["body_text"].split("\n") if p)} if with_html else {}
    return model(
        agency_id=agencies[d["agency"]].pk, title=d["title"], doc_no=d["doc_no"], index_no=d["index_no"],
        genre=d["genre"], subject_id=tops[d["subject"] % len(tops)], validity=d["validity"],
        publish_date=d["publish_date"], written_date=d["publish_date"], status="published",
        disclosure="active", body_text=d["body_text"], is_generated=True, category="policy", **extra)


def query_set(docs_sample, seed: int = 7):
    """The fixed queries: (kind, query, filters). Built from vocabulary and a sample of documents."""
    rng = random.Random(seed)
    all_terms = sorted({t for _d, (_n, terms) in DOMAINS.items() for t in terms})
    queries = []
    for t in rng.sample(all_terms, 50):
        queries.append(("short", t.replace("+", ""), {}))
    for ch in "税审粮林水桥医学路镇补险煤电矿港粮渔茶盐药警":
        queries.append(("single_char", ch, {}))
    for _ in range(40):
        queries.append(("long", " ".join(rng.sample(all_terms, rng.choice((2, 3, 3, 4)))), {}))
    with_no = [d for d in docs_sample if d["doc_no"]]
    styles = ["{c}〔{y}〕{n}号", "{c}[{y}]{n}号", "{c}{y} {n}号", "{c}（{y}）{n}号", "{c}【{y}】第{n}号"]
    for d in rng.sample(with_no, 25):
        code = d["doc_no"].split("〔")[0]
        year, num = d["doc_no"].split("〔")[1].split("〕")
        queries.append(("doc_no", rng.choice(styles).format(c=code, y=year, n=num.rstrip("号")), {}))
    for d in rng.sample(docs_sample, 15):
        queries.append(("index_no", d["index_no"], {}))
    for d in rng.sample(docs_sample, 20):
        line = rng.choice(d["body_text"].splitlines())
        start = rng.randrange(max(1, len(line) - 8))
        queries.append(("phrase", '"' + line[start:start + rng.randint(4, 8)].strip("，。；、：") + '"', {}))
    for t in rng.sample(all_terms, 20):
        filt = rng.choice([{"agency": "A"}, {"year": str(rng.randint(2008, 2025))}, {"validity": "valid"},
                           {"genre": "通知"}])
        queries.append(("facet_filter", t.replace("+", ""), filt))
    for t1, t2 in zip(rng.sample(all_terms, 10), rng.sample(all_terms, 10)):
        queries.append(("exclude", f"{t1} -{t2}", {}))
    for ch in "江市":
        queries.append(("very_common", ch + "澄" if ch == "江" else "市人民政府", {}))
    for t in rng.sample(all_terms, 20):
        queries.append(("sort_date", t.replace("+", ""), {}))
    asks = ["{t}的办理期限是多少个工作日？", "怎么申请{t}？", "{t}要收费吗", "{t}由哪个部门负责？", "{t}的补助标准是多少"]
    for t in rng.sample(all_terms, 30):
        queries.append(("qa", rng.choice(asks).format(t=t.replace("+", "")), {}))
    return queries


def pct(values, q):
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summary(ms):
    return {"n": len(ms), "p50": pct(ms, 0.5), "p95": pct(ms, 0.95), "p99": pct(ms, 0.99),
            "mean": statistics.fmean(ms) if ms else None}


# --- worker (one engine, inside Django) --------------------------------------------------------------

def worker(args):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Document, Subject
    from gongkai.search.index import index_size
    from gongkai.search.query import parse_query
    from gongkai.search.selectors import passage_candidates, search_documents
    from gongkai.search.services import index_rebuild

    result = {"engine": connection.vendor, "docs": args.docs}
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    tops = list(Subject.objects.filter(parent__isnull=True).order_by("sort_order", "id").values_list("id", flat=True))
    agencies = []
    for i, (name, code, _domains, kind, level) in enumerate(AGENCIES):
        agencies.append(Agency.objects.create(name=name, slug=f"bench{i}", kind=kind, level=level,
                                              index_code=f"JC{i:03d}"))
    sample = []
    batch = []
    n = 0
    text_bytes = 0
    stride = 97 if args.docs >= 10_000 else max(1, args.docs // 200)  # queries are drawn from the sample
    for d in generate(args.docs):
        n += 1
        text_bytes += len((d["title"] + d["body_text"] + d["doc_no"] + d["index_no"]).encode())
        if n % stride == 0:
            sample.append(d)
        batch.append(generated_document(Document, d, agencies=agencies, tops=tops))
        if len(batch) == 2000:
            with transaction.atomic():
                Document.objects.bulk_create(batch)
            batch = []
    if batch:
        with transaction.atomic():
            Document.objects.bulk_create(batch)
    result["generate_seconds"] = time.perf_counter() - t0
    corpus_chars = sum(len(d["body_text"]) + len(d["title"]) for d in sample) * args.docs / max(1, len(sample))
    result["corpus_mib_est"] = corpus_chars * 3 / 2**20
    print(f"[{connection.vendor}] generated {args.docs} documents in {result['generate_seconds']:.1f}s", flush=True)

    t0, c0 = time.perf_counter(), time.process_time()
    built = index_rebuild(batch_size=500)
    build_seconds = time.perf_counter() - t0
    build_cpu = time.process_time() - c0
    # Statistics as a running site has them (autovacuum's analyze after a bulk load): the result rows
    # are read from catalog_document, whose plan without statistics is a sequential scan.
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    result["build"] = {"docs": built, "seconds": build_seconds, "docs_per_s": built / build_seconds,
                       "cpu_seconds": build_cpu, "docs_per_cpu_s": built / build_cpu,
                       "load_avg": os.getloadavg(), "index_bytes": index_size(), "text_bytes": text_bytes,
                       "passages": _count("SELECT COUNT(*) FROM search_passage")}
    print(f"[{connection.vendor}] indexed {built} in {build_seconds:.1f}s ({built / build_seconds:.0f} docs/s), "
          f"index {result['build']['index_bytes'] / 2**20:.0f} MiB for {text_bytes / 2**20:.0f} MiB of text",
          flush=True)

    queries = query_set(sample)
    agency_ids = [a.pk for a in agencies]
    resolved = []
    for kind, q, filters in queries:
        f = dict(filters)
        if f.get("agency") == "A":
            f["agency"] = str(agency_ids[len(resolved) % len(agency_ids)])
        resolved.append((kind, q, f))
    for kind, q, f in resolved[:40]:  # warm caches
        search_documents(query=q, filters=f)
    timings, by_kind, totals, cpu, cpu_by_kind = [], {}, [], [], {}
    for kind, q, f in resolved:
        t, c = time.perf_counter(), time.process_time()
        if kind == "qa":
            r = None
            passage_candidates(question=q, limit=50)
        else:
            r = search_documents(query=q, filters=f, sort="date" if kind == "sort_date" else "relevance")
        ms = (time.perf_counter() - t) * 1000
        cpu.append((time.process_time() - c) * 1000)
        cpu_by_kind.setdefault(kind, []).append(cpu[-1])
        timings.append(ms)
        if r is not None:
            totals.append(r.total)
        by_kind.setdefault(kind, []).append(ms)
    result["queries"] = len(resolved)
    result["latency"] = summary(timings)
    result["cpu"] = summary(cpu)  # CPU of this process per query (all of SQLite's work; not PostgreSQL's server)
    result["latency_by_kind"] = {k: summary(v) for k, v in by_kind.items()}
    result["cpu_by_kind"] = {k: summary(v) for k, v in cpu_by_kind.items()}
    result["median_hits"] = statistics.median(totals)
    # doc_no queries must put the document first
    first_ok = 0
    doc_no_queries = [(q, d) for (kind, q, f), d in zip(resolved, [None] * len(resolved)) if kind == "doc_no"]
    for q, _d in doc_no_queries:
        r = search_documents(query=q)
        first_ok += bool(r.hits and r.hits[0].pinned)
    result["doc_no_first"] = f"{first_ok}/{len(doc_no_queries)}"
    print(f"[{connection.vendor}] {len(resolved)} queries: p50 {result['latency']['p50']:.1f} ms, "
          f"p95 {result['latency']['p95']:.1f} ms, p99 {result['latency']['p99']:.1f} ms", flush=True)

    # LIKE scan: the same first page with facet counts, straight on the catalog table.
    like_ms, ratio = [], []
    step = max(1, len(resolved) // max(1, args.like_queries))
    for i in range(0, len(resolved), step):
        kind, q, f = resolved[i]
        if kind == "qa":
            continue
        parsed = parse_query(q)
        t = time.perf_counter()
        _like_search(connection, parsed, f)
        ms = (time.perf_counter() - t) * 1000
        like_ms.append(ms)
        ratio.append(ms / max(timings[i], 0.01))
    result["like"] = summary(like_ms)
    result["like"]["median_speedup"] = statistics.median(ratio)
    result["like"]["p95_ratio"] = result["like"]["p95"] / result["latency"]["p95"]
    print(f"[{connection.vendor}] LIKE on {len(like_ms)} queries: p50 {result['like']['p50']:.0f} ms, "
          f"median speed-up {result['like']['median_speedup']:.0f}x", flush=True)

    if connection.vendor == "sqlite":
        result["segmenters"] = _segmenters(sample)
    Path(args.result).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))


def quality_worker(args):
    """Load the demo corpus and score the labelled queries (gongkai/search/data/quality.json)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.catalog.models import Disclosure, Document, Status
    from gongkai.search.selectors import search_documents

    call_command("migrate", verbosity=0)
    call_command("demo_load", stdout=io.StringIO())
    labels = json.loads((ROOT / "gongkai" / "search" / "data" / "quality.json").read_text(encoding="utf-8"))
    public = Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE)
    rows, by_kind = [], {}
    for item in labels["queries"]:
        expect = item["expect"]
        qs = public
        if "doc_no" in expect:
            qs = qs.filter(doc_no=expect["doc_no"])
        if "index_no" in expect:
            qs = qs.filter(index_no=expect["index_no"])
        for part in expect.get("title_all", []):
            qs = qs.filter(title__contains=part)
        relevant = set(qs.values_list("pk", flat=True))
        result = search_documents(query=item["query"], per_page=10)
        ranked = [h.document.pk for h in result.hits if h.document is not None]  # other kinds count as misses
        found = len(relevant & set(ranked))
        recall = found / min(len(relevant), 10) if relevant else 0.0
        rr = next((1 / (i + 1) for i, pk in enumerate(ranked) if pk in relevant), 0.0)
        rows.append({"query": item["query"], "kind": item["kind"], "relevant": len(relevant), "recall10": recall,
                     "rr": rr})
        if relevant:
            by_kind.setdefault(item["kind"], []).append((recall, rr))
    scored = [r for r in rows if r["relevant"]]
    out = {"engine": connection.vendor, "queries": len(scored), "documents": public.count(),
           "recall10": statistics.fmean(r["recall10"] for r in scored), "mrr": statistics.fmean(r["rr"] for r in scored),
           "by_kind": {k: {"n": len(v), "recall10": statistics.fmean(a for a, _b in v),
                           "mrr": statistics.fmean(b for _a, b in v)} for k, v in by_kind.items()},
           "unresolved": [r["query"] for r in rows if not r["relevant"]],
           "misses": [r for r in scored if r["recall10"] < 1.0]}
    Path(args.result).write_text(json.dumps(out, ensure_ascii=False, indent=1))
    print(f"[{connection.vendor}] quality on {len(rows)} queries: Recall@10 {out['recall10']:.3f}, MRR {out['mrr']:.3f}",
          flush=True)


def _count(sql):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(sql)
        return cur.fetchone()[0]


def _like_search(connection, parsed, filters):
    year = "CAST(strftime('%%Y', publish_date) AS INTEGER)" if connection.vendor == "sqlite" \
        else "EXTRACT(YEAR FROM publish_date)"
    clauses, params = ["status = 'published'", "disclosure = 'active'"], []
    for term in parsed.terms:
        clauses.append("(title LIKE %s OR body_text LIKE %s)")
        params += [f"%{term.text}%"] * 2
    for term in parsed.excludes:
        clauses.append("NOT (title LIKE %s OR body_text LIKE %s)")
        params += [f"%{term.text}%"] * 2
    for key, col in (("agency", "agency_id"), ("year", year), ("validity", "validity"), ("genre", "genre")):
        if filters.get(key):
            clauses.append(f"{col} = %s")
            params.append(int(filters[key]) if key in ("agency", "year") else filters[key])
    where = " AND ".join(clauses)
    with connection.cursor() as cur:
        cur.execute(f"SELECT agency_id, subject_id, {year}, genre, validity, COUNT(*) FROM catalog_document "
                    f"WHERE {where} GROUP BY 1, 2, 3, 4, 5", params)
        cur.fetchall()
        cur.execute(f"SELECT id, title FROM catalog_document WHERE {where} ORDER BY publish_date DESC LIMIT 10",
                    params)
        return cur.fetchall()


def _segmenters(sample):
    """rjieba vs jieba search mode on the same text: speed and token agreement."""
    import jieba
    import rjieba

    jieba.setLogLevel(60)
    texts = [d["body_text"] for d in sample[:400]]
    mib = sum(len(t.encode()) for t in texts) / 2**20
    jieba.lcut_for_search(texts[0])
    out = {"mib": mib}
    seg = rjieba.Jieba()
    t = time.perf_counter()
    r = [seg.cut_for_search(x) for x in texts]
    out["rjieba_mib_s"] = mib / (time.perf_counter() - t)
    t = time.perf_counter()
    j = [jieba.lcut_for_search(x) for x in texts]
    out["jieba_mib_s"] = mib / (time.perf_counter() - t)
    out["same_tokens"] = f"{sum(a == b for a, b in zip(r, j))}/{len(texts)}"
    print(f"[segmenters] rjieba {out['rjieba_mib_s']:.1f} MiB/s, jieba {out['jieba_mib_s']:.2f} MiB/s, "
          f"identical output on {out['same_tokens']} documents", flush=True)
    return out


# --- orchestrator --------------------------------------------------------------------------------------

def run_engine(engine, args, quality=False):
    env = dict(os.environ)
    env["VAR_DIR"] = str(OUT / "var")
    index_dir = OUT / "var" / f"search-index-{engine}{'-quality' if quality else ''}"
    shutil.rmtree(index_dir, ignore_errors=True)
    env["SEARCH_INDEX_DIR"] = str(index_dir)
    env.pop("GONGKAI_TESTING", None)
    dbname = PG_BENCH_DB + ("_quality" if quality else "")
    if engine == "sqlite":
        db = OUT / ("quality.sqlite3" if quality else "bench.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {dbname}")
            conn.execute(f"CREATE DATABASE {dbname}")
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + dbname
    result_file = OUT / f"{'quality' if quality else 'result'}-{engine}.json"
    cmd = [sys.executable, __file__, "--worker", "--docs", str(args.docs), "--like-queries", str(args.like_queries),
           "--result", str(result_file)] + (["--quality"] if quality else [])
    try:
        subprocess.run(cmd, env=env, check=True, cwd=ROOT)
        return json.loads(result_file.read_text())
    finally:
        if engine == "postgresql" and not args.keep:
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {dbname}")


def fmt(v, digits=1):
    return "—" if v is None else f"{v:.{digits}f}"


TARGET_P95, TARGET_P99, TARGET_RATIO, TARGET_BUILD = 30.0, 60.0, 3.0, 500.0


def report(results, args, seconds):
    lines = []
    lines.append(f"Corpus: {args.docs:,} generated documents; {results[0]['queries']} fixed queries "
                 f"(search: first page of 10 with facet counts for 发布机构, 主题分类, 年份, 文种, 有效性, highlighted "
                 f"snippets; qa: `passage_candidates`, 50 passages); whole run {seconds / 60:.1f} min. "
                 f"Targets (issue 15): p95 ≤ {TARGET_P95:.0f} ms for every kind, p99 ≤ {TARGET_P99:.0f} ms, index ≤ "
                 f"{TARGET_RATIO:.0f}× the indexed text, build ≥ {TARGET_BUILD:.0f} documents/s.")
    lines.append("")
    lines.append("| database | build, docs/s wall (per CPU-second) | tantivy index / document text | p50 | p95 | p99 | LIKE p50 / p95 | LIKE ÷ index (median per query) |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for r in results:
        b, l, k = r["build"], r["latency"], r["like"]
        ratio = b["index_bytes"] / max(1, b["text_bytes"])
        lines.append(f"| {r['engine']} | {b['docs_per_s']:.0f} ({b['docs_per_cpu_s']:.0f}; {b['seconds']:.0f} s, "
                     f"{b['passages']:,} passages, load {b['load_avg'][0]:.1f}) | "
                     f"{b['index_bytes'] / 2**20:.0f} MiB / {b['text_bytes'] / 2**20:.0f} MiB = {ratio:.2f}× | "
                     f"{fmt(l['p50'])} ms | {fmt(l['p95'])} ms | {fmt(l['p99'])} ms | "
                     f"{fmt(k['p50'], 0)} / {fmt(k['p95'], 0)} ms ({k['n']} queries) | {k['median_speedup']:.0f}× |")
    lines.append("")
    lines.append("p95 / p99 by query kind (ms):")
    lines.append("")
    kinds = list(results[0]["latency_by_kind"])
    lines.append("| database | " + " | ".join(f"{k} ({results[0]['latency_by_kind'][k]['n']})" for k in kinds) + " |")
    lines.append("|---|" + "---|" * len(kinds))
    for r in results:
        lines.append(f"| {r['engine']} | " + " | ".join(
            f"{fmt(r['latency_by_kind'][k]['p95'])} / {fmt(r['latency_by_kind'][k]['p99'])}" for k in kinds) + " |")
    for r in results:
        if r.get("cpu_by_kind"):  # what a quiet machine's wall time would be, within a few ms
            lines.append(f"| {r['engine']}, CPU of the process | " + " | ".join(
                f"{fmt(r['cpu_by_kind'][k]['p95'])} / {fmt(r['cpu_by_kind'][k]['p99'])}" for k in kinds) + " |")
    lines.append("")
    for r in results:
        b = r["build"]
        misses = [k for k, v in r["latency_by_kind"].items() if v["p95"] > TARGET_P95 or v["p99"] > TARGET_P99]
        if b["docs_per_s"] < TARGET_BUILD:
            misses.append(f"build {b['docs_per_s']:.0f} docs/s")
        if b["index_bytes"] > TARGET_RATIO * b["text_bytes"]:
            misses.append("index size")
        lines.append(f"- {r['engine']}: targets {'met' if not misses else 'missed: ' + ', '.join(misses)} "
                     f"(load average {b['load_avg'][0]:.1f} during the build); 文号 queries with the document first: "
                     f"{r['doc_no_first']}; median result count {r['median_hits']:.0f}; CPU time of the Django process "
                     f"per query p50 {fmt(r['cpu']['p50'])} / p95 {fmt(r['cpu']['p95'])} ms.")
        if r.get("segmenters"):
            sg = r["segmenters"]
            lines.append(f"- Segmenters, search mode on {sg['mib']:.1f} MiB of corpus text: rjieba {sg['rjieba_mib_s']:.1f} MiB/s, "
                         f"jieba {sg['jieba_mib_s']:.2f} MiB/s; identical tokens on {sg['same_tokens']} documents.")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--engines", default="sqlite,postgresql")
    ap.add_argument("--like-queries", type=int, default=20, help="how many of the queries also run as LIKE scans")
    ap.add_argument("--keep", action="store_true", help="keep the PostgreSQL bench database")
    ap.add_argument("--parallel", action="store_true", help="run the engines at the same time (2 processes)")
    ap.add_argument("--write-doc", action="store_true", help="write the table into docs/PERFORMANCE.md")
    ap.add_argument("--quality", action="store_true", help="only score the labelled queries on the demo corpus")
    ap.add_argument("--no-quality", dest="with_quality", action="store_false",
                    help="skip the quality run after the speed run")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return quality_worker(args) if args.quality else worker(args)
    OUT.mkdir(parents=True, exist_ok=True)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if "postgresql" in engines:
        try:
            import psycopg

            psycopg.connect(PG_ADMIN_URL, connect_timeout=5).close()
        except Exception as exc:
            print(f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({exc}); running SQLite only.", flush=True)
            engines.remove("postgresql")
    if not args.quality:
        began = time.perf_counter()
        if args.parallel:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(len(engines)) as pool:
                results = list(pool.map(lambda e: run_engine(e, args), engines))
        else:
            results = [run_engine(e, args) for e in engines]
        seconds = time.perf_counter() - began
        (OUT / "search-results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
        text = report(results, args, seconds)
        print("\n" + text)
        if args.write_doc:
            _write_doc(text, args, "search-bench")
    if args.quality or args.with_quality:
        quality = [run_engine(e, args, quality=True) for e in engines]
        text = quality_report(quality)
        print("\n" + text)
        if args.write_doc:
            _write_doc(text, args, "search-quality")


def quality_report(results):
    kinds = list(results[0]["by_kind"])
    lines = [f"Labelled set: {results[0]['queries']} queries over the demo corpus ({results[0]['documents']} public "
             f"documents after `gongkai demo_load`), kept in `gongkai/search/data/quality.json`.", "",
             "| engine | Recall@10 | MRR | " + " | ".join(f"{k} ({results[0]['by_kind'][k]['n']})" for k in kinds) + " |",
             "|---|---|---|" + "---|" * len(kinds)]
    for r in results:
        lines.append(f"| {r['engine']} | {r['recall10']:.3f} | {r['mrr']:.3f} | " +
                     " | ".join(f"{r['by_kind'][k]['recall10']:.2f} / {r['by_kind'][k]['mrr']:.2f}" for k in kinds) + " |")
    lines.append("")
    lines.append("(per kind: Recall@10 / MRR)")
    for r in results:
        if r["unresolved"]:
            lines.append(f"- {r['engine']}: labels that match no demo document: {', '.join(r['unresolved'])}")
        misses = [f"{m['query']} ({m['recall10']:.2f})" for m in r["misses"]]
        if misses:
            lines.append(f"- {r['engine']}: queries below full recall: {'; '.join(misses)}")
    return "\n".join(lines)


def _write_doc(text, args, marker):
    """Replace this script's block in the search section of docs/PERFORMANCE.md (other sections untouched)."""
    doc = ROOT / "docs" / "PERFORMANCE.md"
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    argv = " ".join(sys.argv[1:])
    body = (f"{start}\nCommand: `.venv/bin/python bench/search.py {argv}` (what `make bench-search` runs), "
            f"run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.\n\n{text}\n{end}")
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    if start in current and end in current:
        current = current.split(start)[0] + body + current.split(end, 1)[1]
    else:
        heading = "## Search (全文检索与智能问答)"
        if heading not in current:
            current = current.rstrip("\n") + f"\n\n{heading}\n"
        head, tail = current.split(heading, 1)
        nxt = tail.find("\n## ")
        section, rest = (tail, "") if nxt < 0 else (tail[:nxt], tail[nxt:])
        current = head + heading + section.rstrip("\n") + "\n\n" + body + "\n" + rest
    doc.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
