"""流失预警 (the churn warning): the reasons and suggested actions of the risk score."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "risk.title": ("Churn warning", "流失预警"),
    "risk.no_visit": (
        "no visit for {gap} (usually every {usual})",
        "{gap}未到店（平时每{usual}一次）",
    ),
    "risk.thinning": (
        "visits thinning out: {last} between the last two (before, every {usual})",
        "到店间隔拉长：最近两次相隔{last}（以前每{usual}一次）",
    ),
    "risk.seen_once": ("seen once only, {gap} ago", "仅到店一次，距今{gap}"),
    "risk.no_first_service": ("no first service since buying {gap} ago", "购车{gap}后未回店首保"),
    "risk.service_overdue_own": (
        "no service for {gap} (usually every {usual})",
        "{gap}未保养（平时每{usual}一次）",
    ),
    "risk.service_overdue_maker": (
        "no service for {gap} (due every {usual})",
        "{gap}未保养（应每{usual}一次）",
    ),
    "risk.spend_down": (
        "after-sales spend down {pct}% year on year ({now} vs {before})",
        "售后消费同比下降{pct}%（今年{now}，去年{before}）",
    ),
    "risk.no_spend": (
        "no after-sales spend this year ({before} the year before)",
        "今年无售后消费（去年{before}）",
    ),
    "risk.declined_open": (
        "declined work not done since ({gap} ago)",
        "建议维修项目被拒后未回店（{gap}前）",
    ),
    "risk.complaint_open": ("complaint open {age}", "投诉未结已{age}"),
    "risk.complaints_open": ("{n} complaints open, oldest {age}", "{n}个投诉未结，最早已{age}"),
    "risk.low_nps": ("last NPS {nps} ({when})", "最近一次NPS {nps}分（{when}）"),
    "risk.unanswered": (
        ("{n} call unanswered", "{n} calls unanswered in a row"),
        "连续{n}次回访未接通",
    ),
    "risk.no_contact": ("no contact for {gap}", "{gap}未联系"),
    "risk.gone.marked_lost": ("marked lost", "已标记流失"),
    "risk.gone.moved": ("moved away", "已搬离"),
    "risk.gone.deceased": ("deceased", "已故"),
    "risk.gone.silent": ("no visit for {gap}: counted as gone", "{gap}未到店：视为已流失"),
    "risk.action.complaint": (
        "Call today about the open complaint: apologise, agree a fix and a date.",
        "今天就投诉回电：道歉，约定解决办法和日期。",
    ),
    "risk.action.nps": (
        "Call to ask what went wrong after the last visit and put it right.",
        "回访询问上次到店哪里不满意，并加以弥补。",
    ),
    "risk.action.unanswered": (
        "Calls go unanswered: try WeChat or SMS, or the second number.",
        "电话打不通：改用微信或短信，或拨打第二号码。",
    ),
    "risk.action.first_service": (
        "First-service reminder: offer a booking slot.",
        "首保提醒：邀约预约到店。",
    ),
    "risk.action.service": (
        "Service reminder call: offer a booking slot.",
        "保养提醒回访：邀约预约到店。",
    ),
    "risk.action.spend": (
        "Ask whether they now service elsewhere; offer a service plan.",
        "了解是否已转到别处保养；推荐保养套餐。",
    ),
    "risk.action.declined": (
        "Call about the work they declined: offer a slot and a price to get it done.",
        "就上次未做的维修项目回访：提供预约时间和报价。",
    ),
    "risk.action.personal_call": (
        "Personal call: ask how the car is and invite them in.",
        "专人回访：关心用车情况并邀请到店。",
    ),
    "risk.action.stay_in_touch": (
        "Stay-in-touch call: ask how the car is.",
        "关怀回访：询问用车情况。",
    ),
    "risk.action.welcome": (
        "Welcome: check in and book the first service.",
        "新客关怀：回访并预约首保。",
    ),
    "risk.action.keep_in_touch": (
        "Keep the monthly contact; remind services on time.",
        "保持每月联系，按时保养提醒。",
    ),
    "risk.action.win_back": (
        "Win-back call: ask why they stopped coming and invite them back.",
        "挽回回访：了解不再到店的原因并邀请回店。",
    ),
    "risk.action.win_back_lost": (
        "Win-back call: ask why they left (at most 4 tries); record it.",
        "挽回回访：了解流失原因（最多4次），并记录。",
    ),
    "risk.action.moved": (
        "No retention calls; ask for referrals if still in touch.",
        "不做挽留回访；如仍有联系，可请其转介绍。",
    ),
    "risk.action.do_not_contact": ("Do not contact.", "请勿联系。"),
    "risk.action.convert": (
        "Convert: invite to a test drive, a first service or an event.",
        "转化：邀请试驾、首保或参加活动。",
    ),
    "risk.action.manager_calls": (
        "{action} {tier} customer: the manager calls.",
        "{action}{tier}客户：由经理亲自致电。",
    ),
}
