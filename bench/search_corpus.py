"""The generated corpus of the search benchmark (and of bench/integrity.py and bench/load): 40
agencies with their own topics, 2008–2025, 22 主题分类, 文种, 有效性, 文号 and 索引号; bodies assembled
from a few hundred sentence patterns and a vocabulary of about 600 domain words and place names; and
the fixed query set run against it. Deterministic for a seed."""
import datetime as dt
import random

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
