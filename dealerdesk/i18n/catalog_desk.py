"""The front desk's own words (issue #12): CLI output, first-run setup, language."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "cli.nothing": ("nothing to show", "没有可显示的内容"),
}
