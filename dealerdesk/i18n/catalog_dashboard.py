"""The manager's dashboard (issue #15): each figure's name and its definition, the
``dealerdesk metrics`` table and the retention summary PDF, in English and Chinese.

The definitions are what the dashboard's "?" opens, so a number is never read without
knowing what it counts."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    # figure names
    "dash.fig.retention": ("Retention", "客户保留率"),
    "dash.fig.churn": ("Churn", "客户流失率"),
    "dash.fig.annual_churn": ("Churn per year", "年流失率"),
    "dash.fig.active": ("Active customers", "活跃客户"),
    "dash.fig.service13": ("13-month service retention", "13个月售后回厂率"),
    "dash.fig.by_age": (
        "Buyers still servicing here, by vehicle age",
        "按车龄：仍在本店保养的购车客户",
    ),
    "dash.fig.nps": ("NPS", "净推荐值（NPS）"),
    "dash.fig.declined": ("Declined work won back", "客户拒修项目回厂率"),
    "dash.fig.repeat": ("Repeat purchase rate", "重购率"),
    "dash.fig.first_response": ("Complaint first response (median)", "投诉首次回应（中位数）"),
    "dash.fig.complaint_times": (
        "Complaint response and resolution (median hours)",
        "投诉回应与解决用时（中位数，小时）",
    ),
    "dash.fig.resolution": ("Complaint resolution (median)", "投诉解决用时（中位数）"),
    "dash.fig.complaints_in_target": ("Complaints handled within target", "按时处理的投诉"),
    "dash.fig.referrals": ("Referrals made / converted", "转介绍：推荐 / 成交"),
    "dash.fig.clv": ("Customer lifetime value by tier", "按等级的客户终身价值"),
    "dash.fig.bands": ("Risk bands over time", "流失预警等级变化"),
    "dash.fig.leaky": ("Leaky bucket: new customers needed", "漏桶：需要的新客户数"),
    "dash.fig.staff": ("Staff", "员工"),
    "dash.fig.months": ("Churn per month (retention is the rest)", "每月流失率（其余为保留率）"),
    "dash.fig.quarters": (
        "Churn per quarter (retention is the rest)",
        "每季度流失率（其余为保留率）",
    ),
    # definitions ("?")
    "dash.def.retention": (
        "Of the customers active the day before the period (a visit in the 12 months "
        "before), the share still active on its last day. Churn is the rest.",
        "期初前一天的活跃客户（此前12个月内有到店）中，到期末仍活跃的比例。其余即为流失。",
    ),
    "dash.def.churn": (
        "1 − retention: the active customers who stopped coming within the period. Per "
        "year, losses compound: 1 − retention^(365/days).",
        "1 − 保留率：期内不再到店的活跃客户。年化时损失复合计算：1 − 保留率^(365/天数)。",
    ),
    "dash.def.active": (
        "Customers with at least one visit (purchase, service, repair, parts…) in the 12 "
        "months up to the period's last day.",
        "截至期末的12个月内至少到店一次（购车、保养、维修、配件等）的客户。",
    ),
    "dash.def.service13": (
        "The carmakers' figure: of the customers serviced in the month(s) 13 months before, "
        "the share who came back for service or repair since, up to the period's end.",
        "厂家考核口径：13个月前那个月（或那几个月）做过保养的客户中，此后到期末为止再次回厂保养或维修的比例。",
    ),
    "dash.def.declined": (
        "Of the visits where the customer declined recommended work (brakes, tyres…), the "
        "share followed by a service or repair visit within 90 days. The period is moved "
        "back 90 days, so every visit counted has had its full 90 days.",
        "客户拒绝了建议维修项目（刹车片、轮胎等）的到店记录中，90天内再次回厂保养或维修的比例。"
        "统计区间整体前移90天，保证每条记录都满90天。",
    ),
    "dash.def.repeat": (
        "Of the customers who had bought a car here by the period's last day, the share who "
        "bought more than one.",
        "截至期末在本店购过车的客户中，购车两辆及以上的比例。",
    ),
    "dash.def.by_age": (
        "Cars sold here at least 13 months ago, grouped by age in whole years (10 = 10 and "
        "over): the share with a service or repair visit here in the last 13 months.",
        "本店售出且已满13个月的车辆，按整年车龄分组（10表示10年及以上）：最近13个月内在本店保养或维修过的比例。",
    ),
    "dash.def.nps": (
        "Net Promoter Score of the surveys in the period: % promoters (9–10) minus % "
        "detractors (0–6), from −100 to 100.",
        "期内调查的净推荐值：推荐者（9–10分）占比减去贬损者（0–6分）占比，范围−100至100。",
    ),
    "dash.def.first_response": (
        "Median hours from opening a complaint to the first response (or its resolution), "
        "for complaints opened in the period.",
        "期内登记的投诉，从登记到首次回应（或直接解决）的小时数中位数。",
    ),
    "dash.def.resolution": (
        "Median hours from opening a complaint to its resolution, for complaints opened "
        "and resolved in the period.",
        "期内登记并已解决的投诉，从登记到解决的小时数中位数。",
    ),
    "dash.def.complaints_in_target": (
        "Complaints opened in the period that were answered by the first-response deadline "
        "and resolved by the resolution deadline (working days, from Settings), or are not "
        "yet due.",
        "期内登记的投诉中，在首次回应期限内回应、并在解决期限内解决（按设置中的工作日计算）或尚未到期的比例。",
    ),
    "dash.def.referrals": (
        "Referrals dated in the period, and of them those that became a sale "
        "(converted, bought, serviced or rewarded).",
        "期内登记的转介绍，以及其中已成交（已成交、已购车、已回厂或已奖励）的数量。",
    ),
    "dash.def.clv": (
        "Spend per active customer of the tier in the last 12 months (m) and the tier's "
        "retention over those months (r): m × (1 + d) / (1 + d − r), d = 10% discount.",
        "该等级活跃客户最近12个月的人均消费（m）与其12个月保留率（r）：m × (1 + d) / (1 + d − r)，贴现率d = 10%。",
    ),
    "dash.def.bands": (
        "Customers per risk band. Past months are the counts each month's last full "
        "scoring run kept; the current month is read live.",
        "各流失预警等级的客户数。以往月份为当月最后一次全量评分时保存的数量；本月为实时数据。",
    ),
    "dash.def.leaky": (
        "New customers a year needed to grow by the target at the measured churn: active "
        "customers × (growth + churn per year). New customers who leave are not counted, so "
        "this is a floor.",
        "按实测流失率实现增长目标每年需要的新客户：活跃客户数 ×（增长率 + 年流失率）。新客户自身的流失未计入，因此这是下限。",
    ),
    "dash.def.staff": (
        "Follow-ups on time: of their follow-ups due in the period, done on or before the "
        "due day. Calls: outbound phone calls they logged. Complaints: assigned to them, "
        "handled within target. Retention: of the customers they own active before the "
        "period, still active at its end.",
        "按时回访：期内到期的回访中，在到期日当天或之前完成的比例。电话：其登记的外呼电话数。投诉：分配给其的投诉中按时处理的比例。保留率：其名下期初活跃的客户中，到期末仍活跃的比例。",
    ),
    # CLI and PDF
    "dash.col.figure": ("figure", "指标"),
    "dash.col.period": ("period", "本期"),
    "dash.col.compare": ("comparison", "对比期"),
    "dash.col.change": ("change", "变化"),
    "dash.col.month": ("month", "月份"),
    "dash.col.tier": ("tier", "等级"),
    "dash.col.customers": ("customers", "客户数"),
    "dash.col.clv": ("lifetime value", "终身价值"),
    "dash.col.retention": ("retention", "保留率"),
    "dash.col.annual": ("spend per year", "年消费"),
    "dash.col.age": ("vehicle age", "车龄"),
    "dash.col.staff": ("staff", "员工"),
    "dash.col.calls": ("calls", "电话"),
    "dash.col.followups": ("follow-ups on time", "按时回访"),
    "dash.col.complaints": ("complaints in target", "按时处理投诉"),
    "dash.col.owned_retention": ("retention of own customers", "名下客户保留率"),
    "dash.ratio": ("{pct} ({part} of {whole})", "{pct}（{whole}中的{part}）"),
    "dash.pts": ("{n} pts", "{n}个百分点"),
    "dash.hours": ("{h} h", "{h}小时"),
    "dash.years": ("{n} years", "{n}年"),
    "dash.years_plus": ("{n}+ years", "{n}年及以上"),
    "dash.leaky_line": (
        "To grow {growth} a year at {churn} churn: {needed} new customers a year ({active} active now)",
        "在年流失率{churn}下实现每年增长{growth}：每年需要{needed}位新客户（当前活跃{active}位）",
    ),
    "dash.pdf.title": ("Retention summary", "客户保留月度汇总"),
    "dash.pdf.subtitle": (
        "{dealership} — {first} to {last}, compared with {cfirst} to {clast}",
        "{dealership} — {first}至{last}，对比{cfirst}至{clast}",
    ),
    "dash.pdf.key": ("Key figures", "关键指标"),
    "dash.pdf.definitions": ("What each figure means", "指标说明"),
    "dash.pdf.no_data": ("no data", "无数据"),
    "dash.cli.wrote": ("wrote {path} ({pages} pages)", "已生成{path}（共{pages}页）"),
}
