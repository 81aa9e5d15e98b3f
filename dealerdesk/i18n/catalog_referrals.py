"""Referrals between customers and partner businesses (issue #14): the word lists'
labels, the rules' refusals, the partner CSV's row errors, the statement PDF, the CLI."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "vocab.referral_status.referred": ("Referred", "已推荐"),
    "vocab.referral_status.bought": ("Bought", "已购车"),
    "vocab.referral_status.serviced": ("Serviced", "已到店保养"),
    "vocab.referral_status.rewarded": ("Rewarded", "已奖励"),
    "vocab.referral_status.lost": ("Lost", "未成交"),
    "vocab.partner_kind.insurer": ("Insurer", "保险公司"),
    "vocab.partner_kind.car_wash": ("Car wash", "洗车店"),
    "vocab.partner_kind.tyre_shop": ("Tyre shop", "轮胎店"),
    "vocab.partner_kind.driving_school": ("Driving school", "驾校"),
    "vocab.partner_kind.club": ("Club", "车友会"),
    "vocab.partner_kind.other": ("Other", "其他"),
    "vocab.partner_direction.from_partner": ("Sent to us", "合作方介绍来"),
    "vocab.partner_direction.to_partner": ("Sent by us", "我方介绍去"),
    # status moves
    "referrals.move.refused": (
        "A referral that is {current} cannot become {target}",
        "状态为“{current}”的转介绍不能改为“{target}”",
    ),
    "referrals.move.same": ("The referral is already {current}", "该转介绍已是“{current}”"),
    "referrals.reward.needed": (
        "Say what the reward was, or its amount",
        "请填写奖励内容或金额",
    ),
    "referrals.reward.before": (
        "The reward date is before the friend came ({on})",
        "奖励日期早于被推荐人到店日期（{on}）",
    ),
    "referrals.self": ("A customer cannot refer themselves", "客户不能推荐自己"),
    "referrals.already": (
        "{name} was already referred by {referrer}",
        "{name}已由{referrer}推荐",
    ),
    "referrals.no_customer": ("No customer #{id}", "没有编号为{id}的客户"),
    "referrals.partner_missing": ("No partner #{id}", "没有编号为{id}的合作方"),
    "referrals.partner_unknown": (
        "No partner is called “{name}”",
        "没有名为“{name}”的合作方",
    ),
    "referrals.partner_ambiguous": (
        "“{name}” matches several partners: {names}",
        "“{name}”匹配多个合作方：{names}",
    ),
    "referrals.partner_exchange_twice": (
        "{name} is already listed with this partner in that direction",
        "{name}已在该合作方的同一方向名单中",
    ),
    "referrals.spend_direction": (
        "The partner reports spend only for customers we sent to it",
        "合作方只对我方介绍去的客户报送消费",
    ),
    # the partner's CSV
    "referrals.import.row": ("Row {row}: {problem}", "第{row}行：{problem}"),
    "referrals.import.no_columns": (
        "The file needs an amount column and a phone or name column (found: {found})",
        "文件需要金额列，以及手机号或姓名列（现有列：{found}）",
    ),
    "referrals.import.no_rows": ("The file has no rows", "文件没有数据行"),
    "referrals.import.bad_date": ("“{value}” is not a date", "“{value}”不是日期"),
    "referrals.import.no_date": ("the date is missing", "缺少日期"),
    "referrals.import.bad_amount": ("“{value}” is not an amount", "“{value}”不是金额"),
    "referrals.import.negative": ("the amount {value} is negative", "金额{value}为负数"),
    "referrals.import.no_match_phone": (
        "no customer sent to this partner has the phone {value}",
        "我方介绍给该合作方的客户中没有手机号为{value}的客户",
    ),
    "referrals.import.no_match_name": (
        "no customer sent to this partner is called “{value}”",
        "我方介绍给该合作方的客户中没有名为“{value}”的客户",
    ),
    "referrals.import.ambiguous_name": (
        "{n} customers sent to this partner are called “{value}”: give the phone",
        "我方介绍给该合作方的客户中有{n}位名为“{value}”，请提供手机号",
    ),
    "referrals.import.no_who": ("neither a phone nor a name", "既无手机号也无姓名"),
    "referrals.import.failed": (
        "Nothing was imported: {n} rows have errors.\n{rows}",
        "未导入任何数据：{n}行有错误。\n{rows}",
    ),
    "referrals.import.done": (
        "{n} spend rows imported for {partner}, total {total}",
        "已为{partner}导入{n}条消费记录，合计{total}",
    ),
    # the statement PDF
    "pdf.partner.title": ("Partner statement", "合作方对账单"),
    "pdf.partner.period": ("{partner} · {start} to {end}", "{partner} · {start}至{end}"),
    "pdf.partner.contact": ("Contact: {contact}", "联系人：{contact}"),
    "pdf.partner.terms": ("Terms: {terms}", "合作条款：{terms}"),
    "pdf.partner.from": ("Customers you sent us", "贵方介绍给我们的客户"),
    "pdf.partner.to": ("Customers we sent you", "我们介绍给贵方的客户"),
    "pdf.partner.from_note": (
        "Their spend at {dealership} in the period.",
        "期间在{dealership}的消费。",
    ),
    "pdf.partner.to_note": ("Spend you reported for the period.", "贵方报送的期间消费。"),
    "pdf.partner.none": ("None in this period.", "本期无。"),
    "pdf.partner.total": (
        ("Total: {n} customer, {amount}", "Total: {n} customers, {amount}"),
        "合计：{n}位客户，{amount}",
    ),
    "pdf.partner.summary": (
        "Exchanged in the period: {sent_us} sent to us ({from_amount}), {we_sent} sent to you ({to_amount}).",
        "本期往来：贵方介绍{sent_us}位（消费{from_amount}），我方介绍{we_sent}位（消费{to_amount}）。",
    ),
    "pdf.col.referred_on": ("Referred on", "介绍日期"),
    "pdf.col.spend": ("Spend", "消费金额"),
    "pdf.col.payments": ("Payments", "消费笔数"),
    "pdf.col.total": ("Total", "合计"),
    "cli.partner.wrote": (
        "wrote {path} ({pages} pages): {sent_us} sent to us {from_amount}, {we_sent} sent to them {to_amount}",
        "已写入{path}（{pages}页）：对方介绍{sent_us}位{from_amount}，我方介绍{we_sent}位{to_amount}",
    ),
    "cli.partner.period": (
        "the period ends ({end}) before it starts ({start})",
        "期间结束日（{end}）早于开始日（{start}）",
    ),
}
