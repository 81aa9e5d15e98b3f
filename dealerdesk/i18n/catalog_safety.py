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
    "safety.valid.choice": ("“{value}” is not one of {choices}", "“{value}”不是 {choices} 之一"),
    "safety.valid.extension": (
        "the extension of “{value}” is too long to keep",
        "“{value}”的分机号太长，无法保存",
    ),
    # the store's own checks (store/validation.py): each names its field
    "safety.valid.vin_required": ("a VIN is required", "必须填写车架号（VIN）"),
    "safety.valid.vin_length": (
        "a VIN has 17 characters, not {n} ({vin})",
        "车架号应为17位，而不是{n}位（{vin}）",
    ),
    "safety.valid.vin_chars": (
        "a VIN may not contain {chars} ({vin})",
        "车架号不能包含 {chars}（{vin}）",
    ),
    "safety.valid.vin_check": (
        "check digit (9th character) should be {expected}, not {got} ({vin})",
        "校验位（第9位）应为{expected}，而不是{got}（{vin}）",
    ),
    "safety.valid.not_phone": ("“{value}” is not a phone number", "“{value}”不是电话号码"),
    "safety.valid.phone_region": (
        "“{value}” is not a valid number for region {region}",
        "“{value}”不是{region}地区的有效号码",
    ),
    "safety.valid.date_required": ("a date is required", "必须填写日期"),
    "safety.valid.not_date": (
        "“{value}” is not a date (use YYYY-MM-DD)",
        "“{value}”不是日期（请用 YYYY-MM-DD 格式）",
    ),
    "safety.valid.date_before": ("{value} is before {low}", "{value} 早于 {low}"),
    "safety.valid.date_after": ("{value} is after {high}", "{value} 晚于 {high}"),
    "safety.valid.required": ("is required", "必填"),
    "safety.valid.too_long": (
        "is too long ({n} characters, at most {max})",
        "太长（{n}个字符，最多{max}个）",
    ),
    "safety.valid.negative": ("{value} cannot be negative", "{value} 不能为负数"),
    "safety.valid.too_large": ("{value} is more than {max}", "{value} 超过 {max}"),
    # writing a PDF report (services/reports.py)
    "safety.pdf.suffix": (
        "{name}: the report file must end in .pdf",
        "{name}：报表文件名必须以 .pdf 结尾",
    ),
    "safety.pdf.no_folder": ("The folder {folder} does not exist.", "文件夹 {folder} 不存在。"),
    "safety.pdf.denied": (
        "Cannot write {path}: permission denied (is it open?).",
        "无法写入 {path}：没有权限（文件是否已打开？）",
    ),
    # CLI arguments (item 7)
    "safety.cli.negative": ("{value} cannot be negative", "{value} 不能为负数"),
    "safety.cli.not_whole": ("“{value}” is not a whole number", "“{value}”不是整数"),
    "safety.cli.at_least_one": ("{value} must be at least 1", "{value} 不能小于1"),
    "safety.cli.not_date": (
        "“{value}” is not a date (use YYYY-MM-DD)",
        "“{value}”不是日期（请用YYYY-MM-DD格式）",
    ),
    "safety.cli.date_range": (
        "{value} is outside {low} – {high}",
        "{value} 超出 {low} 至 {high} 的范围",
    ),
    # opening (items 2 and 3)
    "safety.open.too_new": (
        "{path} was written by a newer DealerDesk (schema {version}; this version knows up to "
        "{latest}). Install the newer version to open it.",
        "{path} 由更新版本的 DealerDesk 创建（数据结构 {version}，本版本最高支持 {latest}），"
        "请安装新版本后再打开。",
    ),
    "safety.open.damaged": (
        "{path} is damaged (SQLite's integrity check failed).",
        "{path} 已损坏（SQLite 完整性检查未通过）。",
    ),
    "safety.open.half_built": (
        "{path} is half-built: its customers were loaded but never indexed.",
        "{path} 未建完：客户已导入，但从未建立索引。",
    ),
    "safety.open.offer_restore": (
        "The last good backup is {backup}; restore it with: dealerdesk restore --db {path} "
        "--from {backup}",
        "最近一次完好的备份是 {backup}；恢复命令：dealerdesk restore --db {path} --from {backup}",
    ),
    "safety.open.no_backup": (
        "There is no backup of it to restore.",
        "没有可用于恢复的备份。",
    ),
    # failures of the disk (item 2)
    "safety.fail.disk_full": (
        "The disk is full: {path} could not be written; nothing saved before was lost.",
        "磁盘已满：无法写入 {path}；之前保存的数据没有丢失。",
    ),
    "safety.fail.read_only": (
        "{path} is in a read-only place; DealerDesk cannot write there.",
        "{path} 位于只读位置，DealerDesk 无法写入。",
    ),
    "safety.fail.locked": (
        "{path} is locked by another program; close it and try again.",
        "{path} 正被其他程序占用，请关闭后重试。",
    ),
    "safety.fail.damaged": (
        "{path} is damaged; restore the last good backup.",
        "{path} 已损坏，请恢复最近一次完好的备份。",
    ),
    # backups (item 1)
    "safety.backup.keep": ("keep: {keep} must be at least 1", "保留份数：{keep} 至少为 1"),
    "safety.backup.no_file": ("There is no database file at {path}.", "{path} 没有数据库文件。"),
    "safety.backup.failed": (
        "The backup to {path} failed: {error}",
        "备份到 {path} 失败：{error}",
    ),
    "safety.backup.not_intact": (
        "{path} is not intact (SQLite's integrity check failed).",
        "{path} 不完整（SQLite 完整性检查未通过）。",
    ),
    "safety.backup.not_dealerdesk": (
        "{path} is not a DealerDesk database.",
        "{path} 不是 DealerDesk 数据库。",
    ),
    "safety.backup.no_pg_dump": (
        "pg_dump is not installed; install the PostgreSQL client tools to back up this database.",
        "未安装 pg_dump；请安装 PostgreSQL 客户端工具后再备份此数据库。",
    ),
    "safety.backup.done": (
        "backed up to {path} ({size} MB); {kept} backups kept",
        "已备份到 {path}（{size} MB）；共保留 {kept} 份备份",
    ),
    "safety.restore.done": (
        "restored {path} from {source}; the file as it was is kept at {aside}",
        "已从 {source} 恢复 {path}；恢复前的文件保存在 {aside}",
    ),
    # sign-in and roles (item 4)
    "vocab.staff_role.desk": ("Front desk", "前台"),
    "vocab.staff_role.manager": ("Manager", "经理"),
    "vocab.staff_role.admin": ("Administrator", "管理员"),
    "vocab.permission.delete_customers": ("delete customers", "删除客户"),
    "vocab.permission.merge_customers": ("merge customers", "合并客户"),
    "vocab.permission.export_all": ("export every customer", "导出全部客户"),
    "vocab.permission.restore": ("restore a backup", "恢复备份"),
    "vocab.permission.change_rules": ("change the rules", "修改回访规则"),
    "vocab.permission.manage_staff": ("change staff and roles", "修改员工和角色"),
    "vocab.permission.read_audit": ("read the audit trail", "查看操作记录"),
    "safety.auth.required": (
        "Sign-in is on: sign in first.",
        "已启用登录：请先登录。",
    ),
    "safety.auth.wrong": ("wrong user name or password", "用户名或密码错误"),
    "safety.auth.need_password": (
        "Sign-in is on: give the password of {user} in DEALERDESK_PASSWORD.",
        "已启用登录：请在 DEALERDESK_PASSWORD 中提供 {user} 的密码。",
    ),
    "safety.auth.no_user": ("there is no staff member “{user}”", "没有名为“{user}”的员工"),
    "safety.auth.denied": (
        "{who} may not {action}: ask a manager.",
        "{who} 无权{action}，请联系经理。",
    ),
    "safety.auth.short": (
        "a password needs at least {n} characters",
        "密码至少需要 {n} 个字符",
    ),
    "safety.auth.taken": ("“{user}” is already taken", "“{user}”已被使用"),
    # privacy (item 6)
    "safety.privacy.no_customer": ("There is no customer #{id}.", "没有编号为 {id} 的客户。"),
    # Settings (item 10)
    "safety.settings.country": (
        "“{value}” is not a country with a holiday calendar (use a code such as CN)",
        "“{value}”不是有节假日日历的国家代码（例如 CN）",
    ),
    "safety.settings.cap": (
        "“{value}” is not 0–30 or off",
        "“{value}”不是 0–30 或 off",
    ),
    "safety.settings.keep": ("{value} is not 1–365", "{value} 不在 1–365 之间"),
    "safety.backup.pg_restore": (
        "A server database is restored with pg_restore by its administrator.",
        "服务器数据库请由管理员使用 pg_restore 恢复。",
    ),
}
