"""The indicators the platform starts with (seeded by migration 0002; the administrator edits them
afterwards). (code, name, rule, display, unit, threshold, direction, weight, description)."""

INDICATORS = [
    ("columns_stale", "栏目6个月未更新", "gongkai.catalog.indicators.subjects_stale", "count", "个", 0, "max", 10,
     "发布过文件的主题分类栏目中，最近一次发布距统计截止日超过6个月的栏目数（国办秘函〔2019〕19号检查指标）。"),
    ("days_since_publication", "距最近一次发布天数", "gongkai.catalog.indicators.days_since_publication", "count",
     "天", 30, "max", 5, "统计截止日距最近一次主动公开的天数；相关记录列出各主题分类栏目的天数。"),
    ("publish_late", "逾期公开率", "gongkai.catalog.indicators.publish_late", "percent", "%", 5, "max", 10,
     "统计期内发布的文件中，发布日期超过成文日期后20个工作日的比例（条例第二十六条）。"),
    ("interpretation_coverage", "政策解读覆盖率", "gongkai.catalog.indicators.interpretation_coverage", "percent",
     "%", 90, "min", 10, "统计期内发布的规章和行政规范性文件中，有已发布解读的比例。"),
    ("interpretation_timely", "政策解读同步率", "gongkai.catalog.indicators.interpretation_timely", "percent", "%",
     90, "min", 5, "有解读的政策文件中，首个解读在文件发布后规定工作日内发布的比例。"),
    ("expired_still_valid", "失效文件仍标有效", "gongkai.catalog.indicators.expired_still_valid", "count", "件", 0,
     "max", 5, "废止或失效日期已过但有效性仍为“有效”的已发布文件数。"),
    ("attachments_missing", "附件缺失", "gongkai.catalog.indicators.attachments_missing", "count", "个", 0, "max", 5,
     "已发布文件的附件在存储中找不到文件的个数。"),
    ("links_broken", "站内链接失效", "gongkai.catalog.indicators.links_broken", "count", "个", 0, "max", 5,
     "已发布文件正文中指向本网站页面和文件的链接里，打不开的个数（未公开的文件页、存储中缺失的文件、不存在的页面）；外站链接不在此检查。"),
    ("foi_on_time", "依申请公开按期答复率", "gongkai.foi.indicators.replies_on_time", "percent", "%", 100, "min", 10,
     "统计期内办结的申请在答复期限内答复的比例（含期限已过仍未答复的申请）。"),
    ("foi_corrected", "复议诉讼纠错率", "gongkai.foi.indicators.appeals_corrected", "percent", "%", 10, "max", 5,
     "统计期内审结的行政复议、行政诉讼中结果被纠正的比例。"),
    ("proposals_on_time", "建议提案按期答复率", "gongkai.proposals.indicators.replies_on_time", "percent", "%", 100,
     "min", 5, "办理期限在统计期内的建议提案中，在期限内答复的比例。"),
    ("proposals_published", "建议提案复文按期公开率", "gongkai.proposals.indicators.replies_published", "percent",
     "%", 100, "min", 5, "统计期内答复且公开期限已到的复文中，在公开期限内公开的比例。"),
    ("tasks_on_time", "工作要点任务按期完成率", "gongkai.oversight.indicators.tasks_on_time", "percent", "%", 90,
     "min", 10, "政务公开工作要点任务按期完成的比例。"),
    ("tasks_overdue", "工作要点逾期任务", "gongkai.oversight.indicators.tasks_overdue", "count", "项", 0, "max", 5,
     "已过完成时限仍未完成的工作要点任务数。"),
    ("messages_reply_rate", "留言按期答复率", "gongkai.mailboxes.indicators.reply_rate", "percent", "%", 95, "min", 5,
     "统计期内受理的留言在答复期限内答复的比例。"),
    ("messages_reply_days", "留言平均答复用时", "gongkai.mailboxes.indicators.reply_workdays", "average", "工作日", 5,
     "max", 3, "统计期内答复的留言从受理到答复的平均工作日数。"),
    ("consultation_feedback", "意见征集反馈按期公开率", "gongkai.consultations.indicators.feedback_published",
     "percent", "%", 100, "min", 5, "反馈期限在统计期内的意见征集中，按期公开意见采纳情况反馈的比例。"),
    ("newmedia_active", "政务新媒体按期更新率", "gongkai.newmedia.indicators.newmedia_active", "percent", "%", 100,
     "min", 5, "统计截止日开设中的政务新媒体账号中，最近更新未超过2周的比例（国办秘函〔2019〕19号）；相关记录为超期未更新的账号。"),
    ("newmedia_filed", "政务新媒体备案率", "gongkai.newmedia.indicators.newmedia_filed", "percent", "%", 100, "min", 3,
     "统计截止日开设中的政务新媒体账号中已备案的比例（国办发〔2018〕123号）。"),
    ("datasets_on_schedule", "数据集更新及时率", "gongkai.opendata.indicators.datasets_on_schedule", "percent", "%", 90,
     "min", 5, "已发布数据集中按更新频率及时更新的比例。"),
    ("datasets_machine_readable", "数据集机读率", "gongkai.opendata.indicators.datasets_machine_readable", "percent",
     "%", 90, "min", 3, "已发布数据集中至少有一个可机读资源的比例。"),
    ("datasets_quality", "数据集质量得分", "gongkai.opendata.indicators.datasets_quality", "percent", "%", 80, "min", 3,
     "已发布数据集质量得分之和占满分的比例。"),
    ("stdcatalog_coverage", "标准目录事项按期公开率", "gongkai.stdcatalog.indicators.stdcatalog_coverage", "percent",
     "%", 90, "min", 5, "本级政务公开事项标准目录中应公开事项按时限公开的比例（国办发〔2019〕54号）。"),
]


def indicators_seed(Indicator) -> int:
    """Create the default indicators that do not exist yet (by code); return how many were made."""
    made = 0
    for order, (code, name, rule, display, unit, threshold, direction, weight, description) in enumerate(INDICATORS):
        _obj, created = Indicator.objects.get_or_create(code=code, defaults={
            "name": name, "rule": rule, "display": display, "unit": unit, "threshold": threshold,
            "direction": direction, "weight": weight, "description": description, "sort_order": order * 10})
        made += created
    return made
