"""Safety and access (issue #11): validation gaps, backups, integrity, audit, sign-in."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "vocab.gender.M": ("Male", "男"),
    "vocab.gender.F": ("Female", "女"),
    # validation gaps (item 9)
    "safety.valid.not_unicode": (
        "contains characters that are not valid text",
        "包含无效字符",
    ),
    "safety.valid.time_range": (
        "{value} is outside {low}–{high}",
        "{value} 超出 {low}–{high} 的范围",
    ),
    "safety.valid.not_time": ("“{value}” is not a date and time", "“{value}”不是日期时间"),
    "safety.valid.not_whole": ("“{value}” is not a whole number", "“{value}”不是整数"),
    "safety.valid.not_amount": ("“{value}” is not an amount", "“{value}”不是金额"),
    "safety.valid.email": ("“{value}” is not an e-mail address", "“{value}”不是有效的电子邮箱"),
    "safety.valid.gender": ("“{value}” is not one of {choices}", "“{value}”不是 {choices} 之一"),
    "safety.valid.extension": (
        "the extension of “{value}” is too long to keep",
        "“{value}”的分机号太长，无法保存",
    ),
    # CLI arguments (item 7)
    "safety.cli.negative": ("{field}: {value} cannot be negative", "{field}：{value} 不能为负数"),
    "safety.cli.date_range": (
        "{field}: {value} is outside {low} – {high}",
        "{field}：{value} 超出 {low} 至 {high} 的范围",
    ),
}
