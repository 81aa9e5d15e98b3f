"""The front desk's own words (issue #12): CLI output, first-run setup, language."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "cli.nothing": ("nothing to show", "没有可显示的内容"),
    # Counts read the same everywhere: thousands separated, "1 customer" / "2 customers".
    "count.customers": (("{n:,} customer", "{n:,} customers"), "{n:,}位客户"),
    "count.customers_left": (
        ("{n:,} customer left in this period", "{n:,} customers left in this period"),
        "本期流失{n:,}位客户",
    ),
    "setup.need_name": ("type the dealership's name", "请填写经销店名称"),
    "setup.too_long": ("at most {n} characters", "最多{n}个字符"),
    "setup.need_staff_name": ("type the person's name", "请填写员工姓名"),
    "setup.bad_username": (
        "a sign-in name is 2–40 lower-case letters or digits (a-z, 0-9, . _ -)",
        "登录名为2–40位小写字母或数字（a-z、0-9、. _ -）",
    ),
    "setup.username_taken": ("“{username}” is taken already", "登录名“{username}”已被使用"),
    "setup.bad_role": ("choose manager or front desk", "请选择经理或前台"),
}
