"""Sentences of the complaint, loyalty survey, win-back and campaign practices."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    # complaints
    "practices.complaint.response_overdue": (
        "First response overdue (due {due})",
        "首次回应已超时（应于{due}前）",
    ),
    "practices.complaint.resolution_overdue": (
        "Resolution overdue (due {due})",
        "处理已超时（应于{due}前解决）",
    ),
    "practices.complaint.satisfaction_call": (
        "Satisfaction call: complaint #{id} ({category}) was resolved — is the customer happy with it?",
        "满意度回访：投诉#{id}（{category}）已解决，请确认客户是否满意",
    ),
    "practices.complaint.opened": ("Opened", "已登记"),
    "practices.complaint.responded": ("Responded", "已回应"),
    "practices.complaint.resolved": ("Resolved", "已解决"),
    "practices.complaint.closed": ("Closed", "已关闭"),
    "practices.complaint.note": ("Note", "备注"),
    "practices.complaint.satisfaction": (
        "Customer's satisfaction with the resolution: {score} of 5",
        "客户对处理结果的满意度：{score}/5",
    ),
    "practices.complaint.cli_summary": (
        "{n} complaints; median first response {median} h; {late} past target",
        "共{n}条投诉；首次回应中位数{median}小时；{late}条超时",
    ),
    # loyalty
    "practices.loyalty.one": ("Loyalty {index} ({day})", "忠诚度 {index}（{day}）"),
    "practices.loyalty.up": (
        "Loyalty {index}, up from {was} ({n} surveys since {since})",
        "忠诚度 {index}，高于之前的{was}（自{since}起{n}次调查）",
    ),
    "practices.loyalty.down": (
        "Loyalty {index}, down from {was} ({n} surveys since {since})",
        "忠诚度 {index}，低于之前的{was}（自{since}起{n}次调查）",
    ),
    "practices.loyalty.same": (
        "Loyalty {index}, as before ({n} surveys since {since})",
        "忠诚度 {index}，与之前持平（自{since}起{n}次调查）",
    ),
    "practices.nps.summary": (
        "NPS {score} from {n} answers ({promoters} promoters, {passives} passives, {detractors} detractors), {start} to {end}",
        "NPS {score}，共{n}份回答（推荐者{promoters}，中立者{passives}，贬损者{detractors}），{start}至{end}",
    ),
    "practices.nps.none": ("No NPS answers from {start} to {end}", "{start}至{end}没有NPS回答"),
    # win-back
    "practices.winback.try": ("Try {n} of {limit}", "第{n}次（共{limit}次）"),
    "practices.winback.last_try": (
        "LAST try ({n} of {limit}): tell them this is our last call",
        "最后一次（第{n}次，共{limit}次）：请告知客户这是最后一次致电",
    ),
    "practices.winback.no_tries_left": (
        "No tries left ({limit} made)",
        "已无剩余次数（已打{limit}次）",
    ),
    "practices.winback.lapsed": ("Lapsed", "久未到店"),
    "practices.winback.lost": ("Lost", "已流失"),
    # campaigns
    "practices.exclude.status": ("Do not contact: {status}", "勿扰：{status}"),
    "practices.exclude.unreachable": (
        "Do not contact: no phone, WeChat or e-mail",
        "勿扰：没有电话、微信或邮箱",
    ),
    "practices.exclude.no_consent": (
        "No consent for marketing on any channel",
        "所有渠道均未同意接收营销信息",
    ),
    "practices.exclude.fatigue": (
        "Fatigue cap: {n} contacts in {days} days already (at most {cap})",
        "联系频次上限：{days}天内已有{n}次联系（上限{cap}次）",
    ),
    "practices.status.lost": ("customer lost", "客户已流失"),
    "practices.status.moved": ("moved away", "已搬迁"),
    "practices.status.deceased": ("deceased", "已故"),
    "practices.status.archived": ("deleted", "已删除"),
}
