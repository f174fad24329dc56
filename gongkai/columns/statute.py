"""The default columns of 法定主动公开内容: the items of 条例第二十条 (every agency) and 第二十一条 (设区的市级、
县级人民政府; 乡（镇）人民政府), each with the catalog query that fills it. Administrators edit the
queries afterwards (console); `columns_defaults_ensure` only adds the columns that are missing.

Subjects are (主题分类 top, child) pairs of the national taxonomy (catalog/data/subjects.json).
Keywords match a document's title or 主题词.
"""

ART20 = "条例第二十条第（{n}）项"
ART21_COUNTY = "条例第二十一条（设区的市级、县级人民政府）"
ART21_TOWN = "条例第二十一条（乡（镇）人民政府）"

# slug, name, basis, level, criteria
DEFAULT_COLUMNS = [
    ("fgwj", "行政法规、规章和规范性文件", ART20.format(n="一"), "all",
     {"categories": ["regulation", "normative"], "include_normative": True}),
    ("jgzn", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", ART20.format(n="二"), "all",
     {"include_profiles": True}),
    ("ghxx", "国民经济和社会发展规划、专项规划、区域规划及相关政策", ART20.format(n="三"), "all",
     {"categories": ["plan"], "keywords": ["规划"], "subjects": [("城乡建设、环境保护", "城市规划")]}),
    ("tjxx", "国民经济和社会发展统计信息", ART20.format(n="四"), "all",
     {"keywords": ["统计"], "subjects": [("国民经济管理、国有资产监管", "统计")]}),
    ("xzxk", "行政许可和其他对外管理服务事项", ART20.format(n="五"), "all",
     {"keywords": ["行政许可", "审批", "登记"], "include_guides": True}),
    ("cfqz", "行政处罚、行政强制", ART20.format(n="六"), "all",
     {"keywords": ["行政处罚", "行政强制", "处罚", "执法"]}),
    ("czyjs", "财政预算、决算信息", ART20.format(n="七"), "all",
     {"keywords": ["预算", "决算"]}),
    ("sfxm", "行政事业性收费项目及其依据、标准", ART20.format(n="八"), "all",
     {"keywords": ["收费"]}),
    ("zfcg", "政府集中采购项目的目录、标准及实施情况", ART20.format(n="九"), "all",
     {"keywords": ["政府采购", "集中采购"]}),
    ("zdxm", "重大建设项目的批准和实施情况", ART20.format(n="十"), "all",
     {"keywords": ["重大建设项目", "重点项目", "城市更新"],
      "subjects": [("国民经济管理、国有资产监管", "重大建设项目")]}),
    ("msbz", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", ART20.format(n="十一"), "all",
     {"keywords": ["就业", "扶贫", "乡村振兴", "医疗", "社会保障", "养老"],
      "subjects": [("科技、教育", "教育"), ("卫生、体育", "卫生"), ("劳动、人事、监察", "劳动就业"),
                   ("劳动、人事、监察", "社会保障"), ("民政、扶贫、救灾", "扶贫")]}),
    ("yjgl", "突发公共事件的应急预案、预警信息及应对情况", ART20.format(n="十二"), "all",
     {"keywords": ["应急", "预案", "预警", "防汛", "防台"], "subjects": [("综合政务", "应急管理")]}),
    ("jdjc", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", ART20.format(n="十三"), "all",
     {"keywords": ["监督检查", "抽查", "抽检", "安全生产", "食品安全", "环境保护"],
      "subjects": [("市场监管、安全生产监管", "安全生产监管"), ("市场监管、安全生产监管", "食品药品监管"),
                   ("市场监管、安全生产监管", "质量监督"), ("城乡建设、环境保护", "环境监测、保护与治理")]}),
    ("gwyzk", "公务员招考的职位、名额、报考条件等事项以及录用结果", ART20.format(n="十四"), "all",
     {"keywords": ["公务员", "招考", "录用"], "subjects": [("劳动、人事、监察", "人事工作")]}),
    ("qtxx", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", ART20.format(n="十五"), "all",
     {"categories": ["other"]}),
    # 第二十一条: 设区的市级、县级人民政府及其部门
    ("szjs", "市政建设", ART21_COUNTY, "county", {"keywords": ["市政", "城市更新", "城乡建设"],
                                                 "subjects": [("城乡建设、环境保护", "城乡建设（含住房）")]}),
    ("ggfw", "公共服务", ART21_COUNTY, "county", {"keywords": ["公共服务", "便民服务", "便民热线"]}),
    ("gysy", "公益事业", ART21_COUNTY, "county", {"keywords": ["公益", "慈善", "志愿服务"]}),
    ("tdzs", "土地征收", ART21_COUNTY, "county", {"keywords": ["土地征收", "征地"]}),
    ("fwzs", "房屋征收", ART21_COUNTY, "county", {"keywords": ["房屋征收"]}),
    ("zagl", "治安管理", ART21_COUNTY, "county", {"keywords": ["治安"], "subjects": [("公安、安全、司法", "公安")]}),
    ("shjz", "社会救助", ART21_COUNTY, "county", {"keywords": ["社会救助", "低保", "救助", "救灾"]}),
    # 第二十一条: 乡（镇）人民政府
    ("xz-nyzc", "农业农村政策落实", ART21_TOWN, "township",
     {"keywords": ["农业", "农村", "乡村振兴", "涉农"], "subjects": [("农业、林业、水利", "农业、畜牧业、渔业")]}),
    ("xz-ntsl", "农田水利工程建设运营", ART21_TOWN, "township",
     {"keywords": ["农田水利", "水利"], "subjects": [("农业、林业、水利", "水利")]}),
    ("xz-tdcb", "农村土地承包经营权流转", ART21_TOWN, "township", {"keywords": ["土地承包", "流转"]}),
    ("xz-zjd", "宅基地使用情况审核", ART21_TOWN, "township", {"keywords": ["宅基地"]}),
    ("xz-tdzs", "土地征收", ART21_TOWN, "township", {"keywords": ["土地征收", "征地"]}),
    ("xz-fwzs", "房屋征收", ART21_TOWN, "township", {"keywords": ["房屋征收"]}),
    ("xz-czcl", "筹资筹劳", ART21_TOWN, "township", {"keywords": ["筹资筹劳", "一事一议"]}),
    ("xz-shjz", "社会救助", ART21_TOWN, "township", {"keywords": ["社会救助", "低保", "救助"]}),
]
