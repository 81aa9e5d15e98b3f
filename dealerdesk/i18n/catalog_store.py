"""What the store says about the database itself: busy, unreachable, copied."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "store.busy": (
        "The database is busy: another desk has been saving for over {seconds} seconds. "
        "Nothing was saved; try again in a moment.",
        "数据库正忙：另一个工位已保存超过{seconds}秒。本次未保存，请稍后再试。",
    ),
    "store.busy_by": (
        "The database is busy: {holder} has been saving for over {seconds} seconds. "
        "Nothing was saved; try again in a moment.",
        "数据库正忙：{holder}已保存超过{seconds}秒。本次未保存，请稍后再试。",
    ),
    "store.pg_driver": (
        "The PostgreSQL driver (psycopg2) is not installed; reinstall DealerDesk.",
        "未安装PostgreSQL驱动（psycopg2），请重新安装DealerDesk。",
    ),
    "store.pg_down": (
        "Cannot reach the database server {server}: is the server PC on and PostgreSQL running?",
        "无法连接数据库服务器{server}：请检查服务器电脑是否开机、PostgreSQL是否在运行。",
    ),
    "store.pg_auth": (
        "The database server {server} refused user {user}: wrong password.",
        "数据库服务器{server}拒绝了用户{user}：密码错误。",
    ),
    "store.pg_no_user": (
        "The database server {server} has no user {user}; see docs/multi-desk.md.",
        "数据库服务器{server}没有用户{user}，请参阅 docs/multi-desk.md。",
    ),
    "store.pg_no_database": (
        "The database server {server} has no database {name}; create it first "
        "(see docs/multi-desk.md).",
        "数据库服务器{server}上没有数据库{name}，请先创建（参阅 docs/multi-desk.md）。",
    ),
    "store.pg_lost": (
        "The connection to the database server {server} was lost while saving; nothing was "
        "saved. Try again in a moment.",
        "保存时与数据库服务器{server}的连接中断，本次未保存，请稍后再试。",
    ),
    "store.pg_other": (
        "Cannot open database {name} on {server}: {detail}",
        "无法打开服务器{server}上的数据库{name}：{detail}",
    ),
    "store.followup_taken": (
        "{who} already completed this follow-up; nothing was logged twice.",
        "{who}已完成此回访，未重复记录。",
    ),
    "store.followup_taken_unknown": (
        "Someone else already completed this follow-up; nothing was logged twice.",
        "其他人已完成此回访，未重复记录。",
    ),
    "copy.not_empty": (
        (
            "{target} already holds DealerDesk data ({n} row in {table}); copy only into an "
            "empty database.",
            "{target} already holds DealerDesk data ({n} rows in {table}); copy only into an "
            "empty database.",
        ),
        "{target}中已有DealerDesk数据（{table}表{n}行），只能复制到空数据库。",
    ),
    "copy.same": (
        "The source and the target are the same database.",
        "源数据库和目标数据库相同。",
    ),
    "copy.mismatch": (
        "Copy undone: table {table} has {source} rows in the source but {target} in the target.",
        "复制已撤销：表{table}在源数据库有{source}行，目标数据库有{target}行。",
    ),
    "copy.table": (("{table}: {n} row", "{table}: {n} rows"), "{table}：{n}行"),
    "copy.done": (
        "Copied {rows} rows in {tables} tables from {source} to {target}; every count matches.",
        "已从{source}复制{tables}张表共{rows}行到{target}，各表行数一致。",
    ),
}
