"""Labels of the customer and retention word lists (``vocab.customer_status.*``,
``vocab.lifecycle_stage.*``, ``vocab.risk_band.*``, ``vocab.value_tier.*``,
``vocab.segment.*``). Plain text: whoever shows them escapes them (once)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "vocab.customer_status.active": ("On the books", "在册"),
    "vocab.customer_status.lost": ("Marked lost", "已标记流失"),
    "vocab.customer_status.moved": ("Moved away", "已搬离"),
    "vocab.customer_status.deceased": ("Deceased", "已故"),
    "vocab.lifecycle_stage.prospect": ("Prospect", "潜在客户"),
    "vocab.lifecycle_stage.new": ("New", "新客户"),
    "vocab.lifecycle_stage.active": ("Active", "活跃"),
    "vocab.lifecycle_stage.lapsing": ("Lapsing", "渐疏"),
    "vocab.lifecycle_stage.lapsed": ("Lapsed", "久未到店"),
    "vocab.lifecycle_stage.gone": ("Gone", "已流失"),
    "vocab.risk_band.low": ("Low risk", "低风险"),
    "vocab.risk_band.medium": ("Medium risk", "中风险"),
    "vocab.risk_band.high": ("High risk", "高风险"),
    "vocab.risk_band.gone": ("Gone (win back)", "已流失（挽回）"),
    "vocab.risk_band.none": ("Not scored", "未评分"),
    "vocab.value_tier.VIP": ("VIP", "VIP客户"),  # 大客户 is a company account (issue #14)
    "vocab.value_tier.Gold": ("Gold", "金牌"),
    "vocab.value_tier.Standard": ("Standard", "普通"),
    "vocab.segment.champions": ("Champions", "核心客户"),
    "vocab.segment.loyal": ("Loyal", "忠诚客户"),
    "vocab.segment.promising": ("Promising", "潜力客户"),
    "vocab.segment.fading": ("Fading", "渐冷客户"),
    "vocab.segment.quiet_big_spenders": ("Quiet big spenders", "沉默的高消费客户"),
    "vocab.segment.hibernating": ("Hibernating", "休眠客户"),
    "vocab.segment.dormant": ("Dormant", "沉睡客户"),
    "vocab.segment.prospect": ("Prospect", "潜在客户"),
}
