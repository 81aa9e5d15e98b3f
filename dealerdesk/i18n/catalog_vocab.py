"""Labels of the word lists in :mod:`dealerdesk.vocab` (``vocab.<list>.<code>``)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "vocab.channel.phone": ("Phone", "电话"),
    "vocab.channel.sms": ("SMS", "短信"),
    "vocab.channel.wechat": ("WeChat", "微信"),
    "vocab.channel.email": ("E-mail", "邮件"),
    "vocab.channel.visit": ("In person", "到店"),
    "vocab.outcome.reached": ("Reached", "已接通"),
    "vocab.outcome.no_answer": ("No answer", "未接听"),
    "vocab.outcome.left_message": ("Left a message", "已留言"),
    "vocab.outcome.call_back": ("Call back later", "约定回电"),
    "vocab.outcome.wrong_number": ("Wrong number", "号码错误"),
    "vocab.outcome.declined": ("Declined", "拒绝"),
}
