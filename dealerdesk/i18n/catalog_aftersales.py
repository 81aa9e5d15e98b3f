"""Issue #16: the 4S cadence's words and sentences (first service, renewals, outcomes,
pauses), in English and Chinese."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    # vocabularies
    "vocab.outcome.car_sold": ("Car sold", "车子转让"),
    "vocab.outcome.insured_else": ("Insured elsewhere", "外面投保"),
    "vocab.outcome.service_else": ("Serviced elsewhere", "外面保养"),
    "vocab.contact_type.service": ("Maintenance and service", "保养维修"),
    "vocab.contact_type.insurance": ("Insurance renewal", "续保"),
    "vocab.contact_type.inspection": ("Inspection", "年检"),
    "vocab.contact_type.warranty": ("Warranty", "质保"),
    "vocab.contact_type.sales": ("Sales and greetings", "销售关怀"),
    "vocab.contact_type.all": ("Every contact", "全部联系"),
    "vocab.pause_state.paused": ("Paused", "暂停"),
    "vocab.pause_state.closed": ("Closed", "已关闭"),
    "vocab.policy_kind.compulsory": ("Compulsory (交强险)", "交强险"),
    "vocab.policy_kind.commercial": ("Commercial (商业险)", "商业险"),
    "vocab.policy_kind.both": ("Compulsory + commercial", "交强险+商业险"),
    # follow-up kinds
    "followups.kind.first_service": ("First-service reminder", "首保提醒"),
    "followups.kind.first_lapsed": ("Lapsed first service", "首保流失回访"),
    "followups.kind.new_owner": ("Record the new owner", "登记新车主"),
    # reasons (rendered when the plan is made, in the desk's language)
    "fu.first_service": (
        "First service (首保) of the {car}: bought {day}, no service since; reminder {n} "
        "(every {every} days until {until}).",
        "{car}首保提醒：{day}购车，至今未回厂保养；第{n}次提醒（每{every}天一次，至{until}为止）。",
    ),
    "fu.first_lapsed": (
        "The {car} (bought {day}) never came for its first service in {months} months: "
        "a lapsed first-service customer; ask why.",
        "{car}（{day}购车）{months}个月未做首保，已成首保流失客户：问明原因。",
    ),
    "fu.renewal": (
        "Renewal (续保) call {n} of 3 for the {car}: {policy} ends {day}{insurer}.",
        "续保第{n}次（共3次）回访：{car}的{policy}{day}到期{insurer}。",
    ),
    "fu.renewal.policy": ("insurance", "保险"),
    "fu.renewal.insurer": ("; last year with {insurer}", "；去年投保{insurer}"),
    "fu.renewal.away": (" (insured elsewhere)", "（外面投保）"),
    "fu.renewal.elsewhere": (" (services here, insures elsewhere)", "（在本店保养，外面投保）"),
    "fu.lost_bucket": (
        "lost customer (no visit for over {months} months): the win-back call replaces it",
        "流失客户（超过{months}个月未到店）：由挽回回访代替",
    ),
    "fu.paused": ("{type} paused for this car: {reason}", "该车{type}已暂停：{reason}"),
    "fu.closed": ("{type} closed for this car: {reason}", "该车{type}已关闭：{reason}"),
    "fu.new_owner": (
        "The {car} was sold ({day}): ask for the new owner's name and phone and record them.",
        "{car}已转让（{day}）：询问并登记新车主的姓名和电话。",
    ),
    "fu.callback_on": (
        "Call back on the day agreed ({day}): {reason}",
        "按约定日期（{day}）回电：{reason}",
    ),
    # outcome effects (pause reasons, the Settings help)
    "aftersales.reason.car_sold": ("car sold (车子转让) on {day}", "{day}车子转让"),
    "aftersales.reason.insured_else": (
        "insured elsewhere (外面投保), said on {day}",
        "{day}客户表示外面投保",
    ),
    "aftersales.reason.service_else": (
        "serviced elsewhere, said on {day}",
        "{day}客户表示在外面保养",
    ),
    "aftersales.reason.declined": ("declined on {day}", "{day}客户拒绝"),
    "aftersales.reason.other": ("{outcome} on {day}", "{day}{outcome}"),
    "aftersales.delay.reached": (
        "days before this contact type is planned again (0: as the rules say)",
        "该类联系再次安排前的天数（0：按规则）",
    ),
    "aftersales.delay.no_answer": ("working days before the next try", "下次重拨前的工作日数"),
    "aftersales.delay.left_message": (
        "days before this contact type is planned again (0: as the rules say)",
        "该类联系再次安排前的天数（0：按规则）",
    ),
    "aftersales.delay.call_back": (
        "working days to the call back when no day was agreed",
        "未约定日期时，多少个工作日后回电",
    ),
    "aftersales.delay.wrong_number": (
        "days before this contact type is planned again (0: as the rules say)",
        "该类联系再次安排前的天数（0：按规则）",
    ),
    "aftersales.delay.declined": (
        "days this contact type pauses for the car (0: no pause)",
        "该车此类联系暂停的天数（0：不暂停）",
    ),
    "aftersales.delay.car_sold": (
        "days until the new-owner follow-up is due; every reminder of the car closes",
        "多少天后登记新车主；该车全部提醒关闭",
    ),
    "aftersales.delay.insured_else": (
        "days the renewal calls pause for the car",
        "该车续保回访暂停的天数",
    ),
    "aftersales.delay.service_else": (
        "days the maintenance reminders pause for the car",
        "该车保养提醒暂停的天数",
    ),
    "aftersales.first_service.lapsed": ("Lapsed first service", "首保流失"),
    "aftersales.first_service.due": ("First service due", "待首保"),
    "aftersales.first_service.waiting": ("First service not yet due", "未到首保时间"),
    "aftersales.first_service.done": ("First service done", "已首保"),
    # the service's refusals, each naming its field
    "aftersales.valid.range": (
        "{value} is out of range (0 to {high})",
        "{value} 超出范围（0 至 {high}）",
    ),
    "aftersales.valid.why_pause": (
        "say why this car must not be contacted",
        "请说明为什么不能联系这辆车的车主",
    ),
    "aftersales.valid.not_after_today": ("{value} is not after today", "{value} 不晚于今天"),
    "aftersales.valid.which_car": (
        "say which car this outcome is about",
        "请选择这个结果是关于哪辆车的",
    ),
    "aftersales.valid.callback_only": (
        "only goes with the outcome call back",
        "只能与“约定回电”结果一起使用",
    ),
    "aftersales.valid.past": ("is in the past", "已经过去"),
}
