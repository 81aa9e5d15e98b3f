"""Membership cards (会员卡), key accounts (大客户) and added value ("A+"), issue #14."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "vocab.contact_role.decision_maker": ("Decision maker", "决策人"),
    "vocab.contact_role.finance": ("Finance", "财务"),
    "vocab.contact_role.user": ("User", "用车人"),
    "vocab.contact_role.gatekeeper": ("Gatekeeper", "对接人"),
    "vocab.purchase_stage.none": ("No purchase planned", "暂无采购计划"),
    "vocab.purchase_stage.need_identified": ("Need identified", "已确认需求"),
    "vocab.purchase_stage.quoting": ("Quoting", "报价中"),
    "vocab.purchase_stage.negotiating": ("Negotiating", "商务谈判"),
    "vocab.purchase_stage.ordered": ("Ordered", "已下单"),
    "vocab.purchase_stage.delivered": ("Delivered", "已交车"),
    "vocab.added_value_kind.tyres": ("Tyres", "轮胎更换"),
    "vocab.added_value_kind.extended_warranty": ("Extended warranty", "延保"),
    "vocab.added_value_kind.accessories": ("Accessories", "精品附件"),
    "vocab.added_value_kind.insurance_renewal": ("Insurance renewal", "续保"),
    "vocab.added_value_kind.new_model": ("New model", "新车推荐"),
    # A card's tier by default (the dealership may rename them): "大客户" is the key
    # account (a company), so a VIP card is "VIP卡", not the value tier's word.
    "accounts.card_tier.VIP": ("VIP", "VIP卡"),
    "accounts.card_tier.Gold": ("Gold", "金卡"),
    "accounts.card_tier.Standard": ("Standard", "普通卡"),
    "av.tyres": (
        "{vehicle}: about {km} km since the last tyres (odometer about {odo} km)",
        "{vehicle}：距上次换胎约{km}公里（里程约{odo}公里）",
    ),
    "av.extended_warranty": (
        "{vehicle}: warranty ends {end}, in {days} days: offer the extension",
        "{vehicle}：质保于{end}到期（还有{days}天），推荐延保",
    ),
    "av.accessories": (
        (
            "{vehicle}: bought {n} day ago, no accessories yet",
            "{vehicle}: bought {n} days ago, no accessories yet",
        ),
        "{vehicle}：购车{n}天，尚未加装精品",
    ),
    "av.insurance_renewal": (
        "{vehicle}: insurance ends {end}, in {days} days: renew with us",
        "{vehicle}：保险于{end}到期（还有{days}天），邀请续保",
    ),
    "av.new_model": (
        (
            "{vehicle}: {n} year old: invite to see the new models",
            "{vehicle}: {n} years old: invite to see the new models",
        ),
        "{vehicle}：车龄{n}年，邀请品鉴新车",
    ),
    "followups.kind.added_value": ("Added-value offer", "增值服务推荐"),
    "av.followup_reason": ("A+ offer: {reason}", "增值服务：{reason}"),
    "accounts.card_taken": (
        "card number {number} is already on another card",
        "卡号{number}已被其他会员卡使用",
    ),
    # `dealerdesk added-value`: the A+ offers' uptake for the whole dealership
    "cli.av.offer": ("offer", "增值项目"),
    "cli.av.shown": ("shown", "已展示"),
    "cli.av.made": ("follow-ups made", "已建回访"),
    "cli.av.taken_up": ("taken up", "已成交"),
    "cli.av.rate": ("taken up of shown", "成交率"),
}
