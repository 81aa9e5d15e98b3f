"""The desk's day (issue #7): follow-up kinds, batches, the fatigue cap, catch-up, the CLI."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    # Settings → Follow-up rules: what the service refuses
    "followups.rule.unknown": ("“{key}” is not a follow-up rule", "“{key}”不是回访规则"),
    "followups.rule.days_range": (
        "{n} is out of range (−366 to 3660 days)",
        "{n}超出范围（−366至3660天）",
    ),
    "followups.rule.at_least_one": ("{n} must be at least 1", "{n}不能小于1"),
    "followups.rule.label": ("a rule's name is 1 to 80 characters", "规则名称须为1至80个字"),
    # follow-up kinds (the cadence rules' keys, plus manual and call back)
    "followups.kind.thanks": ("Thank-you message", "购车感谢"),
    "followups.kind.checkin": ("Usage check-in", "用车回访"),
    "followups.kind.touch": ("Stay-in-touch call", "例行关怀回访"),
    "followups.kind.satisfaction": ("Satisfaction call", "满意度回访"),
    "followups.kind.declined_work": ("Declined-work follow-up", "未修项目回访"),
    "followups.kind.birthday": ("Birthday greetings", "生日祝福"),
    "followups.kind.holiday": ("Holiday greetings", "节日问候"),
    "followups.kind.anniversary": ("Purchase anniversary greetings", "购车周年问候"),
    "followups.kind.personal_date": ("Personal date greetings", "纪念日问候"),
    "followups.kind.insurance": ("Insurance renewal call", "续保提醒"),
    "followups.kind.inspection": ("Inspection reminder", "年检提醒"),
    "followups.kind.service_due": ("Maintenance reminder", "保养提醒"),
    "followups.kind.warranty": ("Warranty extension call", "延保回访"),
    "followups.kind.trade_in": ("Trade-in invitation", "置换邀约"),
    "followups.kind.complaint": ("Complaint follow-up", "投诉回访"),
    "followups.kind.winback": ("Win-back call", "流失挽回回访"),
    "followups.kind.campaign": ("Campaign invitation", "活动邀约"),
    "followups.kind.manual": ("Follow-up", "回访"),
    "followups.kind.callback": ("Call back", "约定回电"),
    # holidays greeted by default (rules.DEFAULT_HOLIDAY_PICKS)
    "followups.holiday.newyear": ("New Year greetings", "元旦问候"),
    "followups.holiday.spring": ("Spring Festival greetings", "春节问候"),
    "followups.holiday.dragonboat": ("Dragon Boat Festival greetings", "端午节问候"),
    "followups.holiday.midautumn": ("Mid-Autumn Festival greetings", "中秋节问候"),
    "followups.holiday.national": ("National Day greetings", "国庆节问候"),
    # greeting batches
    "followups.batch.title": ("{what} for {day}, by {channel}", "{what}（{day}，{channel}发送）"),
    "followups.batch.count": (("list of {n} customer", "list of {n} customers"), "{n}位客户名单"),
    "followups.batch.sent_note": ("Sent with the greeting list", "已随祝福名单群发"),
    "followups.any_channel": ("any channel", "任意渠道"),
    # the fatigue cap
    "followups.held_back": (
        "Held back: at most {cap} non-essential contacts in {days} days, and a"
        " higher-priority follow-up took the place",
        "暂缓：{days}天内非必要联系最多{cap}次，名额已给优先级更高的回访",
    ),
    # the catch-up list
    "followups.catchup.dismissed": ("Dismissed at the catch-up review", "补漏清单复核时放弃"),
    # the `dealerdesk today` command
    "cli.today.staff": ("staff", "员工"),
    "cli.today.rank": ("#", "序号"),
    "cli.today.due": ("due", "到期"),
    "cli.today.customer": ("customer", "客户"),
    "cli.today.phone": ("phone", "电话"),
    "cli.today.kind": ("follow-up", "回访类型"),
    "cli.today.reason": ("reason", "原因"),
    "cli.today.overdue": ("overdue days", "逾期天数"),
    "cli.today.unassigned": ("(unassigned)", "（未分配）"),
    "cli.today.summary": (
        "{staff}: {shown} of {capacity} calls today, {later} later",
        "{staff}：今日{shown}/{capacity}个，稍后{later}个",
    ),
    "cli.today.catchup": (
        "{n} old follow-ups wait on the catch-up list (review them once in the window)",
        "补漏清单中有{n}个旧回访待复核（请在窗口中复核一次）",
    ),
    "cli.today.nothing": ("nothing due today", "今日没有待办回访"),
    # the agenda PDF
    "reports.agenda.later": (
        "Cut to each person's calls per day, best first: {later} more wait for later;"
        " {catchup} old follow-ups wait on the catch-up list.",
        "已按每人每日通话量截取，优先级高者在前：另有{later}个稍后处理；补漏清单中有{catchup}个旧回访。",
    ),
}
