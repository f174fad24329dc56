"""Build the labelled evaluation set in data/eval/ (deterministic: same seed, same files).

Three groups, one JSON object per line:
- pii.jsonl: government-style sentences with personal information; labels give kind and span of
  every item (names of officials too, marked public), plus hard negatives in the same sentences
  (wrong check digits, 统一社会信用代码, 发文字号, order numbers, statistics).
- spam.jsonl: government texts with injected spam of many shapes; labels give the injected spans.
- clean.jsonl: government texts that must pass, including gambling/lottery regulation pages and
  lottery-fraud warnings.
Run `python bench/review.py --build-eval` to rewrite the files.
"""
import json
import random
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent / "data" / "eval"

_REGIONS = ["110101", "110105", "120103", "130102", "210102", "310104", "320102", "330106", "330203",
            "340104", "350203", "370202", "410102", "411402", "420106", "430104", "440305", "500103",
            "510104", "610113", "620102", "650102"]
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤")
_COMPOUND = ["欧阳", "司马", "诸葛", "上官", "东方"]
_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
          "超", "秀英", "霞", "平", "刚", "桂英", "建华", "建国", "志强", "文", "华", "红", "玉兰", "海燕",
          "丹", "婷", "宇航", "浩然", "鹏", "辉", "玲", "斌", "波", "俊杰", "凯", "欣怡", "萍", "雪梅", "琳",
          "晨曦", "子涵", "梓萱", "一鸣", "思远", "德胜", "国庆", "春生", "秋菊", "冬梅", "小兵", "晓东",
          "永刚", "卫东", "红梅", "志军", "金凤", "学文", "家豪", "佳琪", "雨桐", "振华", "立新"]
_PROVINCES = [("浙江省", "杭州市", "西湖区"), ("河南省", "商丘市", "梁园区"), ("安徽省", "合肥市", "蜀山区"),
              ("广东省", "深圳市", "南山区"), ("四川省", "成都市", "武侯区"), ("山东省", "青岛市", "市南区"),
              ("湖北省", "武汉市", "洪山区"), ("江苏省", "南京市", "鼓楼区")]
_ROADS = ["文三路", "解放路", "建设大道", "人民路", "中山北路", "府前街", "朝阳巷", "幸福里"]
_PLATE_PROV = "京津沪渝冀豫云辽黑湘皖鲁苏浙赣鄂桂甘晋蒙陕吉闽贵粤川"
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_AREA = ["010", "021", "022", "023", "0571", "0370", "0755", "0551", "028", "0532", "027", "025"]
_FW = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")

_CLEAN_SENTENCES = [
    "为深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，进一步提升政务公开质量，现将有关事项通知如下。",
    "各地各部门要坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
    "本年度共主动公开政府信息3862条，其中规范性文件45件，政策解读材料127篇。",
    "全年共受理政府信息公开申请215件，上年结转12件，已办结209件，结转下年度18件。",
    "市政府办公室负责统筹协调全市政务公开工作，各县（区）政府负责本行政区域内的政务公开工作。",
    "严格落实公开前保密审查机制，对拟公开的政府信息依法依规做好保密审查。",
    "进一步规范政府信息公开申请办理工作，按照法定时限答复申请人，确保答复内容准确、依据充分。",
    "加强政府网站和政务新媒体建设管理，及时发布权威信息，回应社会关切。",
    "围绕优化营商环境，集中公开涉企政策文件，方便企业和群众查询办事。",
    "本月共办理群众来信来访120件，办结率达到98.3%，群众满意度明显提升。",
    "2023年全市一般公共预算收入完成158.6亿元，同比增长6.2%。",
    "各单位要高度重视，明确责任分工，确保各项任务按时完成，并于12月20日前报送工作总结。",
    "推进基层政务公开标准化规范化建设，编制完善26个试点领域基层政务公开事项标准目录。",
    "本通知自印发之日起施行，有效期5年。此前发布的文件与本通知不一致的，以本通知为准。",
    "申请人可通过网上申请、信函申请、当面申请等方式向本机关提出政府信息公开申请。",
    "市政务服务中心地址：示范市人民大道100号，咨询电话：0571-12345678，邮政编码：310006。",
    "政府信息公开工作机构：示范市人民政府办公室，电子邮箱：gkb@shifan.gov.cn。",
    "示范市人民政府办公室关于印发《示范市2024年政务公开工作要点》的通知（示政办发〔2024〕12号）。",
    "索引号：000014349/2024-00012，主题分类：综合政务\\政务公开，发布机构：示范市人民政府办公室。",
    "统一社会信用代码为11330600002577014T的单位应当按照规定报送年度报告。",
    "项目总投资13800000000元，其中中央预算内投资资金2.3亿元，预计2026年底建成投用。",
    "请于2024年6月30日前将材料报送市政府办公室政务公开科，联系电话：0571-87051234。",
    "各乡镇要加强黄河流域生态保护和高质量发展相关信息公开，主动接受社会监督。",
    "方案明确了王国庆路改造工程的实施步骤和任务分工。",
    "全市共有高中阶段学校56所，在校学生7.8万人，专任教师6120人。",
    "政务服务热线12345全年受理诉求35.6万件，按时办结率99.2%。",
    "合同编号：SF-2024-0382，订单号：20240315000123456789，请妥善保存。",
    "本条例所称政府信息，是指行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息。",
    "对涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，行政机关应当主动公开。",
    "行政机关公开政府信息，采取主动公开和依申请公开的方式。",
]

# Pages about gambling, lottery and pornography written in a government's own voice: must pass.
_ON_TOPIC_CLEAN = [
    ("关于进一步规范彩票市场秩序的通知",
     "为加强彩票市场监管，根据《彩票管理条例》及其实施细则，现就规范彩票销售行为通知如下。"
     "一、彩票发行机构和销售机构不得通过互联网销售彩票，不得向未成年人销售彩票。"
     "二、各地财政、民政、体育部门要加强对福利彩票、体育彩票销售场所的监督检查，依法查处违规销售行为。"
     "三、彩票公益金按规定用于社会福利、体育等社会公益事业，不用于平衡财政一般预算。"),
    ("警惕网络赌博诈骗 守护好您的钱袋子",
     "近期，不法分子以“博彩平台”“彩票内部消息”“稳赚不赔”为诱饵，诱导群众下载所谓的博彩官网APP并注册开户，"
     "先让受害人小额获利，再诱导大额投注后关闭平台。公安机关提醒：网络赌博是违法犯罪行为，所谓的“内部消息”“包赢技巧”都是骗局，"
     "切勿点击陌生链接，切勿向陌生账户转账。如发现涉赌线索，请及时拨打110或向当地派出所举报。"),
    ("示范市体育彩票管理中心2023年工作总结",
     "2023年，市体育彩票管理中心认真贯彻《彩票管理条例》，全年销售体育彩票12.6亿元，筹集体彩公益金3.1亿元。"
     "中心加强销售网点管理，开展责任彩票宣传，引导购彩者理性购彩，严禁向未成年人销售彩票。"
     "竞彩、大乐透等游戏销售平稳，全市共有销售网点1265个。"),
    ("关于开展跨境赌博专项整治行动的通告",
     "为严厉打击跨境赌博违法犯罪活动，依据《中华人民共和国刑法》《中华人民共和国治安管理处罚法》，决定在全市开展专项整治行动。"
     "重点打击组织我国公民出境赌博、为境外赌场招揽赌客、开设网络赌场及为赌博网站提供支付结算等违法犯罪行为。"
     "欢迎广大群众积极举报涉赌违法犯罪线索，对提供重要线索的，依照有关规定给予奖励。"),
    ("澳门特别行政区博彩监察协调局相关情况介绍",
     "博彩监察协调局是澳门特别行政区负责协助制定和执行博彩业政策、监察博彩经营活动的政府部门。"
     "该局依法对娱乐场、幸运博彩经营承批公司进行监督检查，打击非法博彩活动，推动负责任博彩。"
     "内地居民应当遵守国家法律法规，切勿参与任何形式的网络赌博。"),
    ("“扫黄打非·净网”专项行动工作情况",
     "今年以来，全市“扫黄打非”部门深入开展“净网”专项行动，依法查处传播色情信息的网站和账号，"
     "清理淫秽色情有害信息2.3万条，关闭违法违规网站56个。各部门要持续加强网络生态治理，保护未成年人健康成长。"),
    ("关于防范电信网络诈骗的提示",
     "冒充客服退款、刷单返利、虚假投资理财、虚假网络贷款、冒充公检法是最常见的诈骗类型。"
     "请广大市民牢记“不听、不信、不转账”，对于所谓的“彩票预测”“赌博包赢”等信息一律不信，遇到可疑情况及时拨打96110咨询。"),
    ("示范市福利彩票发行中心公益金使用情况公告",
     "根据《彩票公益金管理办法》规定，现将2023年度本级福利彩票公益金使用情况公告如下：全年共使用公益金4860万元，"
     "主要用于养老服务、残疾人康复、儿童福利和社会救助等项目。"),
]

_GOV_TITLES = [
    "示范市人民政府办公室关于做好2024年政务公开工作的通知",
    "关于全面推进基层政务公开标准化规范化工作的实施意见",
    "示范市2023年政府信息公开工作年度报告",
    "关于公开征求《示范市政务公开工作规定（征求意见稿）》意见的公告",
    "示范市教育局关于做好义务教育招生入学工作的通知",
    "示范市财政局2024年部门预算公开说明",
]

_SPAM_CHAINS = [
    ["澳门葡京", "葡京赌场", "葡京官网", "葡京开户", "新葡京注册", "葡京娱乐网", "澳门新葡京平台"],
    ["网络赌博", "赌博网站", "线上博彩", "博彩官网", "真人赌博", "赌场排名", "现金赌场"],
    ["时时彩", "北京赛车pk10", "六合彩开奖", "六肖中特", "特码资料", "百家乐技巧"],
    ["国产精品", "无码视频", "福利视频", "成人网站", "午夜影院", "同城交友"],
    ["皇冠体育", "体育投注", "赌球平台", "现金网注册送彩金", "首存优惠", "返水最高"],
]
_BRANDS = ["bob最新官网", "ky棋牌官网", "亚博体育app", "kaiyun官方网站", "9游娱乐平台", "leyu乐鱼体育", "bet365体育",
           "hg皇冠网址", "ag真人娱乐", "188bet官网"]
_DOMAINS = ["www.zssygu.com", "www.xpj8866.com", "hg0088.vip", "www.am-bet.cc", "52bocai.net", "www.jsbet365.top"]
_PORN = ["免费看成人视频 无码高清", "约炮 同城交友 一夜情", "国产精品福利视频在线观看"]


def _id18(rng, birth=None):
    region = rng.choice(_REGIONS)
    if birth is None:
        birth = f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = region + birth + f"{rng.randint(0, 999):03d}"
    total = sum(int(c) * w for c, w in zip(body, _W))
    return body + "10X98765432"[total % 11]


def _bad_id18(rng):
    good = _id18(rng)
    wrong = [c for c in "0123456789X" if c != good[-1]]
    return good[:-1] + rng.choice(wrong)


def _id15(rng):
    return rng.choice(_REGIONS) + f"{rng.randint(40, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"


def _luhn_complete(prefix_digits: str) -> str:
    digits = [int(c) for c in prefix_digits]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return prefix_digits + str((10 - total % 10) % 10)


def _card(rng):
    length = rng.choice([16, 19])
    prefix = rng.choice(["6222", "6217", "6228", "6212", "4367", "6230"])
    number = _luhn_complete(prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - 5)))
    if rng.random() < 0.4:
        return " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    return number


def _mobile(rng):
    number = f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"
    style = rng.random()
    if style < 0.2:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    if style < 0.35:
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    if style < 0.45:
        return "+86 " + number
    return number


def _landline(rng):
    area = rng.choice(_AREA)
    local = str(rng.randint(2, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(7 if len(area) == 4 else 7))
    style = rng.random()
    if style < 0.5:
        return f"{area}-{local}"
    if style < 0.7:
        return f"（{area}）{local}"
    if style < 0.85:
        return f"{area}-{local}转{rng.randint(100, 8999)}"
    return f"{area} {local}"


def _email(rng):
    user = rng.choice(["zhang", "li", "wang", "chen", "liu", "yang", "zhao", "hz", "sf"]) + rng.choice(
        ["", ".", "_"]) + str(rng.randint(1, 99999))
    return user + "@" + rng.choice(["qq.com", "163.com", "126.com", "sina.com", "gmail.com", "foxmail.com", "yeah.net"])


def _address(rng):
    prov, city, district = rng.choice(_PROVINCES)
    if rng.random() < 0.5:
        return f"{prov}{city}{district}{rng.choice(_ROADS)}{rng.randint(1, 300)}号{rng.randint(1, 20)}幢{rng.randint(101, 2802)}室"
    return f"{city}{district}{rng.choice(['城关镇', '柳溪乡', '新桥街道'])}{rng.choice(['前进村', '和平社区', '桃源村'])}{rng.randint(1, 12)}组{rng.randint(1, 60)}号"


def _plate(rng):
    prov = rng.choice(_PLATE_PROV)
    letter = rng.choice(_PLATE_LETTERS)
    if rng.random() < 0.25:
        tail = rng.choice("DF") + f"{rng.randint(0, 99999):05d}"
    else:
        tail = "".join(rng.choice("0123456789" * 3 + "ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(5))
        while sum(c.isdigit() for c in tail) < 3:
            tail = "".join(rng.choice("0123456789") for _ in range(5))
    return prov + letter + ("·" if rng.random() < 0.2 else "") + tail


def _name(rng):
    surname = rng.choice(_COMPOUND) if rng.random() < 0.05 else rng.choice(_SURNAMES)
    return surname + rng.choice(_GIVEN)


class _Builder:
    """Concatenate text pieces and remember the labelled spans."""

    def __init__(self):
        self.parts, self.labels, self.length = [], [], 0

    def add(self, text, kind=None, **extra):
        if kind:
            self.labels.append({"kind": kind, "start": self.length, "end": self.length + len(text), **extra})
        self.parts.append(text)
        self.length += len(text)
        return self

    @property
    def text(self):
        return "".join(self.parts)


def _pii_record(rng, i):
    """One sentence or short passage with personal data and hard negatives."""
    b = _Builder()
    name = _name(rng)
    choice = i % 14
    if choice == 0:
        idn = _id18(rng)
        if rng.random() < 0.3:
            idn = idn.translate(_FW)
        b.add("申请人").add(name, "person_name").add("，公民身份号码").add(idn, "id_card").add("，于2024年3月5日通过信函方式提出政府信息公开申请。")
    elif choice == 1:
        b.add("经审核，").add(name, "person_name").add("（男，身份证号：").add(_id18(rng), "id_card").add("）符合最低生活保障条件，保障金自2024年1月起发放。")
    elif choice == 2:
        b.add("当事人").add(name, "person_name").add("，住址：").add(_address(rng), "address").add("，联系电话").add(_mobile(rng), "mobile").add("。")
    elif choice == 3:
        b.add("姓名：").add(name, "person_name").add("  性别：女  身份证号码：").add(_id15(rng), "id_card").add("  户籍地：").add(_address(rng), "address")
    elif choice == 4:
        b.add("补助资金已打入低保户").add(name, "person_name").add("的银行卡号").add(_card(rng), "bank_card").add("，请注意查收。证书编号").add(_bad_id18(rng)).add("。")
    elif choice == 5:
        b.add("村民").add(name, "person_name").add("反映，其家庭住址").add(_address(rng), "address").add("附近道路积水严重，联系手机：").add(_mobile(rng), "mobile").add("。")
    elif choice == 6:
        b.add("驾驶人").add(name, "person_name").add("驾驶车牌号为").add(_plate(rng), "plate").add("的小型轿车，于2024年5月12日在人民路违反交通信号灯通行。")
    elif choice == 7:
        b.add("如对公示内容有异议，请与").add(name, "person_name", public=True).add("同志联系，电话：").add(_landline(rng), "landline").add("，邮箱：").add(_email(rng), "email").add("。")
    elif choice == 8:
        b.add("副市长").add(name, "person_name", public=True).add("出席会议并讲话，要求各地各部门全力做好防汛工作。")
    elif choice == 9:
        other = _name(rng)
        b.add("委托代理人：").add(name, "person_name").add("，联系方式：").add(_mobile(rng), "mobile").add("；被申请人法定代表人：").add(other, "person_name", public=True).add("。订单号").add(_luhn_complete("6222" + "".join(str(rng.randint(0, 9)) for _ in range(14)))).add("已作废。")
    elif choice == 10:
        a, c = _name(rng), _name(rng)
        b.add("经查，").add(a, "person_name").add("、").add(c, "person_name").add("等3人在河道内非法采砂，依法予以处罚。统一社会信用代码91330106MA2H3B4C5X的企业一并处理。")
    elif choice == 11:
        b.add("来信人").add(name, "person_name").add("的电子邮箱为").add(_email(rng), "email").add("，本机关已于法定期限内答复。本月共办理此类申请120件。")
    elif choice == 12:
        b.add("患者").add(name, "person_name").add("因病住院，家属联系电话").add(_landline(rng), "landline").add("，医疗救助金额12345678元已拨付。")
    else:
        b.add("拟任人选").add(name, "person_name", public=True).add("，男，汉族，1975年6月出生，现任示范市财政局办公室主任，拟任示范市财政局副局长。")
    return {"id": f"pii-{i:04d}", "group": "pii", "text": b.text, "pii": b.labels, "spam": False, "spam_spans": []}


def _gov_body(rng, n):
    return "".join(rng.sample(_CLEAN_SENTENCES, n))


def _spam_record(rng, i):
    b = _Builder()
    title = rng.choice(_GOV_TITLES)
    shape = i % 10
    html = None
    if shape == 0:
        b.add(title + "\n\n")
        b.add(f"博彩排名 {rng.choice(_DOMAINS)}", "spam").add(" ").add(_gov_body(rng, 4) + "\n")
    elif shape == 1:
        brand = rng.choice(_BRANDS)
        b.add(brand, "spam").add(title + "\n\n").add(_gov_body(rng, 3))
    elif shape == 2:
        body = _gov_body(rng, 4)
        cut = body.find("，") + 1
        b.add(title + "\n\n").add(body[:cut]).add(rng.choice(_BRANDS), "spam").add(body[cut:])
    elif shape == 3:
        chain = rng.choice(_SPAM_CHAINS)
        b.add(title + "\n\n").add(_gov_body(rng, 4) + "\n\n").add(" ".join(rng.sample(chain, len(chain)) * 2), "spam")
    elif shape == 4:
        chain = rng.choice(_SPAM_CHAINS)
        b.add(title + "\n\n").add("_".join(chain), "spam").add("\n" + _gov_body(rng, 3))
    elif shape == 5:
        chain = rng.choice(_SPAM_CHAINS)
        b.add(title + "\n\n").add(_gov_body(rng, 3) + "\n").add(",".join(chain), "spam").add("\n" + _gov_body(rng, 2))
    elif shape == 6:
        body = _gov_body(rng, 3)
        cut = body.find("。") + 1
        b.add(title + "\n\n").add(body[:cut]).add(rng.choice(_PORN), "spam").add(body[cut:])
    elif shape == 7:
        body = _gov_body(rng, 3)
        cut = body.find("，") + 1
        gloss = rng.choice(["葡(pu)京(jing)赌(du)场(chang)", "博(bo)彩(cai)网(wang)址(zhi)", "六(liu)合(he)彩(cai)开(kai)奖(jiang)"])
        b.add(title + "\n\n").add(body[:cut]).add(gloss, "spam").add(body[cut:])
    elif shape == 8:
        body = _gov_body(rng, 3)
        cut = body.find("，") + 1
        b.add(title + "\n\n").add(body[:cut]).add("🎰🎰💰💰🔥🔥", "spam").add(body[cut:])
    else:
        # Hidden HTML: the spam sits in an element hidden by its style; text is what a reader sees.
        visible = _gov_body(rng, 3)
        b.add(title + "\n\n" + visible)
        hidden = " ".join(rng.choice(_SPAM_CHAINS))
        html = (f"<h1>{title}</h1><p>{visible}</p>"
                f"<div style=\"display:none\"><a href=\"http://{rng.choice(_DOMAINS)}\">{hidden}</a></div>")
    labels = [{"start": lab["start"], "end": lab["end"]} for lab in b.labels]
    return {"id": f"spam-{i:04d}", "group": "spam", "title": title, "text": b.text, "html": html,
            "pii": [], "spam": True, "spam_spans": labels}


def _clean_record(rng, i):
    if i < len(_ON_TOPIC_CLEAN) * 3:
        title, body = _ON_TOPIC_CLEAN[i % len(_ON_TOPIC_CLEAN)]
        extra = _gov_body(rng, i // len(_ON_TOPIC_CLEAN))
        text = title + "\n\n" + body + extra
    else:
        title = rng.choice(_GOV_TITLES)
        text = title + "\n\n" + _gov_body(rng, rng.randint(3, 8))
    return {"id": f"clean-{i:04d}", "group": "clean", "title": title, "text": text, "html": None,
            "pii": [], "spam": False, "spam_spans": []}


def build(seed: int = 20241122, n_pii: int = 420, n_spam: int = 150, n_clean: int = 90) -> dict:
    """Generate the three groups."""
    rng = random.Random(seed)
    return {
        "pii": [_pii_record(rng, i) for i in range(n_pii)],
        "spam": [_spam_record(rng, i) for i in range(n_spam)],
        "clean": [_clean_record(rng, i) for i in range(n_clean)],
    }


def write(directory: Path = EVAL_DIR, **kwargs) -> dict:
    directory.mkdir(parents=True, exist_ok=True)
    groups = build(**kwargs)
    for name, records in groups.items():
        with open(directory / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {name: len(records) for name, records in groups.items()}


def load(directory: Path = EVAL_DIR) -> dict:
    groups = {}
    for name in ("pii", "spam", "clean"):
        with open(directory / f"{name}.jsonl", encoding="utf-8") as fh:
            groups[name] = [json.loads(line) for line in fh if line.strip()]
    return groups
