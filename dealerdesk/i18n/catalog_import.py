"""Import, export and duplicate messages (issue 10): row errors, summaries, CLI lines."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    # -- the file as a whole
    "import.file_too_big": ("the file is too big ({mb} MB)", "文件太大（{mb} MB）"),
    "import.file_unreadable": ("cannot read {path}", "无法读取 {path}"),
    "import.file_empty": ("the file has no rows", "文件里没有数据"),
    "import.file_not_table": (
        "this is not a table DealerDesk can read (use CSV, .xlsx, .xls or .vcf)",
        "无法识别的文件（请用 CSV、.xlsx、.xls 或 .vcf）",
    ),
    "import.no_sheet": (
        "no sheet “{sheet}” (sheets: {sheets})",
        "没有工作表“{sheet}”（现有：{sheets}）",
    ),
    "import.too_many_columns": ("too many columns ({n})", "列太多（{n} 列）"),
    # -- the mapping
    "import.map_unknown_field": ("“{field}” is not an import field", "“{field}”不是可导入的字段"),
    "import.map_twice": (
        "“{field}” is mapped from both {first} and {second}",
        "“{field}”同时对应了 {first} 和 {second} 两列",
    ),
    "import.map_no_name": ("no column is mapped to the customer's name", "没有指定客户姓名列"),
    "import.map_no_key": (
        "map a phone or a VIN column: re-imports match customers on them",
        "请指定手机或车架号列：再次导入时按它们识别客户",
    ),
    "import.map_bad_file": ("is not a DealerDesk mapping file", "不是 DealerDesk 的列对应文件"),
    # -- row-level reasons
    "import.formula": (
        "a formula, not a value: paste the value instead",
        "这是公式不是数值：请粘贴为数值",
    ),
    "import.required": ("is required", "必填"),
    "import.too_long": ("too long (at most {max} characters)", "太长（最多 {max} 个字）"),
    "import.bad_email": ("not an e-mail address", "不是有效的邮箱"),
    "import.bad_phone": (
        "not a valid phone number (region {region})",
        "不是有效的电话号码（{region}）",
    ),
    "import.bad_gender": ("not a gender (use 男/女 or M/F)", "性别请填 男/女"),
    "import.bad_date": (
        "not a date (use 2024-03-05, 2024/3/5 or 2024年3月5日)",
        "不是日期（请用 2024-03-05、2024/3/5 或 2024年3月5日）",
    ),
    "import.date_out_of_range": (
        "date out of range ({earliest} to {latest})",
        "日期超出范围（{earliest} 至 {latest}）",
    ),
    "import.bad_number": ("not a number", "不是数字"),
    "import.number_out_of_range": ("must be between {low} and {high}", "应在 {low} 到 {high} 之间"),
    "import.bad_vin": (
        "not a valid VIN (17 characters, no I/O/Q, check digit in position 9)",
        "车架号无效（17 位，不含 I/O/Q，第 9 位校验码）",
    ),
    "import.vin_needed": ("vehicle details need a VIN", "有车辆信息时必须填车架号"),
    "import.phone_or_vin": (
        "give a phone or a VIN, so the customer can be matched next time",
        "请填手机或车架号，以便下次识别同一客户",
    ),
    "import.bad_choice": ("must be one of: {choices}", "应为以下之一：{choices}"),
    "import.vin_twice": (
        "this VIN is on row {row} for another customer",
        "该车架号在第 {row} 行属于另一位客户",
    ),
    "import.vin_other_customer": (
        "this VIN belongs to {name} already",
        "该车架号已属于客户 {name}",
    ),
    "import.phone_other_name": (
        "this phone is on row {row} with another name ({name})",
        "该手机号在第 {row} 行对应另一个姓名（{name}）",
    ),
    "import.phone_stored_name": (
        "this phone belongs to {name} already",
        "该手机号已属于客户 {name}",
    ),
    "import.phone2_stored": (
        "this second phone belongs to {name} already",
        "该备用电话已属于客户 {name}",
    ),
    # -- duplicates (not errors)
    "import.dup_row": ("the same as row {row}: skipped", "与第 {row} 行完全相同：跳过"),
    "import.dup_customer": (
        "same customer as row {row} ({name})",
        "与第 {row} 行是同一客户（{name}）",
    ),
    "import.dup_stored": ("already a customer: {name}", "已有此客户：{name}"),
    # -- outcomes
    "import.cancelled": ("import cancelled; nothing was written", "已取消导入，未写入任何数据"),
    "import.rejected": (
        (
            "{n} error in the file; nothing was imported",
            "{n} errors in the file; nothing was imported",
        ),
        "文件中有 {n} 处错误，未导入任何数据",
    ),
    "import.summary": (
        "{rows} rows: {new} new customers, {matched} already here ({updated} get new vehicles or"
        " visits), {vehicles} new vehicles, {visits} new purchases and visits;"
        " {duplicates} duplicate rows, {errors} rows with errors",
        "共 {rows} 行：新客户 {new} 位，已有客户 {matched} 位（其中 {updated} 位新增车辆或进厂记录），"
        "新车辆 {vehicles} 辆，新购车/进厂记录 {visits} 条；重复行 {duplicates} 行，错误行 {errors} 行",
    ),
    "import.done": (
        "imported {path} in {seconds} s (audit entry {audit})",
        "已导入 {path}，用时 {seconds} 秒（操作记录 {audit}）",
    ),
    "import.dry_run_done": ("dry run: nothing was written", "试导入：未写入任何数据"),
    "import.undone": ("import {audit} undone", "已撤销导入 {audit}"),
    # -- the fields, as the mapping step names them
    "import.field.": ("(ignore)", "（不导入）"),
    "import.field.name": ("Name", "姓名"),
    "import.field.phone": ("Mobile", "手机"),
    "import.field.phone2": ("Other phone", "备用电话"),
    "import.field.wechat": ("WeChat", "微信"),
    "import.field.email": ("E-mail", "邮箱"),
    "import.field.gender": ("Gender", "性别"),
    "import.field.birthday": ("Birthday", "生日"),
    "import.field.address": ("Address", "地址"),
    "import.field.city": ("City", "城市"),
    "import.field.notes": ("Notes", "备注"),
    "import.field.vin": ("VIN", "车架号"),
    "import.field.plate": ("Plate", "车牌"),
    "import.field.make": ("Make", "品牌"),
    "import.field.model": ("Model", "车型"),
    "import.field.year": ("Model year", "年款"),
    "import.field.color": ("Colour", "颜色"),
    "import.field.purchase_date": ("Purchase date", "购车日期"),
    "import.field.purchase_price": ("Purchase price", "购车价格"),
    "import.field.mileage_km": ("Mileage (km)", "里程"),
    "import.field.warranty_end": ("Warranty end", "保修到期"),
    "import.field.insurance_end": ("Insurance end", "保险到期"),
    "import.field.inspection_due": ("Inspection due", "年检到期"),
    "import.field.service_date": ("Service date", "保养日期"),
    "import.field.service_kind": ("Visit kind", "进厂类型"),
    "import.field.service_amount": ("Service amount", "保养金额"),
    "import.field.service_mileage": ("Service mileage", "进厂里程"),
    # -- export
    "export.bad_format": (
        "“{format}” is not a format (csv or xlsx)",
        "不支持的格式“{format}”（csv 或 xlsx）",
    ),
    "export.bad_kind": ("“{kind}” cannot be exported", "无法导出“{kind}”"),
    "export.no_folder": ("the folder {folder} does not exist", "文件夹 {folder} 不存在"),
    "export.no_staff": ("no staff member with id {id}", "没有编号为 {id} 的员工"),
    "export.ics_title": ("DealerDesk follow-ups: {name}", "DealerDesk 回访：{name}"),
    "export.done": (
        ("wrote {path} ({n} row)", "wrote {path} ({n} rows)"),
        "已写入 {path}（{n} 行）",
    ),
    "export.field.due": ("Due", "到期日"),
    "export.field.status": ("Status", "状态"),
    "export.field.kind": ("Kind", "类型"),
    "export.field.reason": ("Reason", "原因"),
    "export.field.assignee": ("Assignee", "负责人"),
    "export.field.outcome": ("Outcome", "结果"),
    "export.field.completed_at": ("Completed", "完成时间"),
    "export.field.opened_at": ("Opened", "投诉时间"),
    "export.field.severity": ("Severity", "严重程度"),
    "export.field.category": ("Category", "类别"),
    "export.field.description": ("Description", "描述"),
    "export.field.first_response_at": ("First response", "首次响应"),
    "export.field.resolved_at": ("Resolved", "解决时间"),
    "export.field.resolution": ("Resolution", "处理结果"),
    "import.cli_no_file": (
        "give the FILE to import (or --list, or --undo ID)",
        "请给出要导入的文件（或 --list、--undo 编号）",
    ),
    "import.cli_row": ("row {row}: {reason}", "第 {row} 行：{reason}"),
    "export.cli_needs_staff": ("export calendar needs --staff ID", "导出日历需要 --staff 员工编号"),
    # -- duplicates
    "dup.phone": ("same phone {value}", "同一电话 {value}"),
    "dup.plate": ("same plate {value}", "同一车牌 {value}"),
    "dup.name_phone": ("same name {value}, phone one digit apart", "同名 {value}，电话仅差一位"),
    "dup.name_address": ("same name {value}, same address", "同名 {value}，地址相同"),
    "dup.name_no_phone": ("same name {value}, one has no phone", "同名 {value}，其中一位没有电话"),
    "dup.merged": ("customer {drop} merged into {keep}", "客户 {drop} 已合并到 {keep}"),
    "dup.no_customer": ("customer {id} does not exist", "客户 {id} 不存在"),
    "dup.self": ("a customer cannot be merged with itself", "不能把客户与自己合并"),
    "import.no_such_import": ("import {id} is not in the audit log", "操作记录中没有导入 {id}"),
    "import.already_undone": ("import {id} was already undone", "导入 {id} 已经撤销过了"),
    "import.undo_has_work": (
        (
            "the desk has since recorded {n} contact, complaint or survey for these customers; "
            "undoing would delete it",
            "the desk has since recorded {n} contacts, complaints or surveys for these customers;"
            " undoing would delete them",
        ),
        "之后已为这些客户记录了 {n} 条联系、投诉或调查，撤销会把它们一并删除",
    ),
    "import.undo_merged": (
        "customers of this import have since been merged with others; it cannot be undone",
        "该次导入的客户之后已与其他客户合并，无法撤销",
    ),
}
