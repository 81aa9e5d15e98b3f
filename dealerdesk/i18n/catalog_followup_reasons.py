"""Why each follow-up exists, as the planner writes it (retention/cadence/generators.py).

The English side reproduces the planner's earlier sentences word for word; the text is
rendered when the plan is made, in the desk's language. Dates come in already written
(``fmt_day``: "Sat 6 Feb 2027" / "2027年2月6日（周六）").
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "fu.years": (("{n} year", "{n} years"), "{n}年"),
    "fu.thanks": ("Thank them for buying the {car} on {day}.", "感谢客户于{day}购买{car}。"),
    "fu.checkin": (
        "Ask how the {car} is doing since {day} (first week).",
        "问问{car}自{day}提车以来用得怎么样（首周回访）。",
    ),
    "fu.anniversary": ("{years} since buying the {car} ({day}).", "购买{car}满{years}（{day}）。"),
    "fu.insurance": (
        "Insurance of the {car} ends {day}: offer the renewal (续保).",
        "{car}的保险{day}到期：提醒续保。",
    ),
    "fu.inspection": (
        "Statutory inspection (年检) of the {car} due {day}.",
        "{car}的年检{day}到期。",
    ),
    "fu.warranty": (
        "Warranty of the {car} ends {day}: offer an extension.",
        "{car}的质保{day}到期：推荐延保。",
    ),
    "fu.trade_in": (
        "The {car} is {years} old: invite them to see new models and a trade-in offer.",
        "{car}已使用{years}：邀请客户来看新车并了解置换优惠。",
    ),
    "fu.service.last": ("last service", "上次保养"),
    "fu.service.bought": ("bought", "购车"),
    "fu.service.at_km": (" at {km:,} km", "，里程{km:,}公里"),
    "fu.service.pace": (", about {rate:,.0f} km a day", "，约每天{rate:,.0f}公里"),
    "fu.service.limit": (" or {km:,} km", "或{km:,}公里"),
    "fu.service": (
        "Maintenance due for the {car}: {what} {day}{at_km}; every {days} days{limit}{pace}.",
        "{car}该保养了：{what}{day}{at_km}；每{days}天{limit}保养一次{pace}。",
    ),
    "fu.about_car": (" ({car})", "（{car}）"),
    "fu.visit_kind.service": ("service", "保养"),
    "fu.visit_kind.repair": ("repair", "维修"),
    "fu.satisfaction": (
        "Ask how the {kind} visit on {day}{about} went.",
        "回访{day}的{kind}{about}是否满意。",
    ),
    "fu.declined": (
        "Declined at the {day} visit{about}: {what}. Offer it again.",
        "{day}到店{about}时客户未做：{what}。再次推荐。",
    ),
    "fu.birthday": ("Birthday", "生日"),
    "fu.lunar": (" ({lunar})", "（{lunar}）"),
    "fu.greeting": (
        "{label} on {day}{lunar}: send greetings on the day.",
        "{day}是{label}{lunar}：当天发送祝福。",
    ),
    "fu.touch.contact": ("Last contact {day}", "上次联系{day}"),
    "fu.touch.visit_called": (
        "Last visit {day}, last call {called}",
        "上次到店{day}，上次致电{called}",
    ),
    "fu.touch.visit_never": ("Last visit {day}, never called", "上次到店{day}，从未致电"),
    "fu.touch.new": ("Customer since {day}, never contacted", "{day}成为客户，从未联系"),
    "fu.touch": ("{text}: time for a call to keep in touch.", "{text}：该打个关怀电话了。"),
    "fu.complaint.what": ("Complaint", "投诉"),
    "fu.complaint.what_category": ("Complaint ({category})", "投诉（{category}）"),
    "fu.complaint.first": (
        (
            "{what} opened {day}: respond within {n} working day.",
            "{what} opened {day}: respond within {n} working days.",
        ),
        "{what}于{day}登记：请在{n}个工作日内响应。",
    ),
    "fu.complaint.again": (
        (
            "{what} open since {day}, {n} follow-up so far: keep in touch until it is resolved.",
            "{what} open since {day}, {n} follow-ups so far: keep in touch until it is resolved.",
        ),
        "{what}自{day}起未解决，已回访{n}次：保持联系直到解决。",
    ),
    "fu.winback.lost": ("Lost{when}{why}: ask why they left", "已流失{when}{why}：了解流失原因"),
    "fu.winback.lost_when": (" on {day}", "于{day}"),
    "fu.winback.why": (" ({reason})", "（{reason}）"),
    "fu.winback.lapsed": (
        "No visit{since}: ask why they stopped coming",
        "{since}未到店：了解不再来的原因",
    ),
    "fu.winback.since": (" since {day}", "自{day}起"),
    "fu.winback.last": (
        "{text}; LAST try ({n} of {limit}), then we stop calling.",
        "{text}；最后一次尝试（第{n}次，共{limit}次），之后不再致电。",
    ),
    "fu.winback.try": ("{text}; try {n} of {limit}.", "{text}；第{n}次尝试，共{limit}次。"),
}
