"""Staff roles and what each may do (issue #11)."""

from __future__ import annotations

from enum import StrEnum


class StaffRole(StrEnum):
    """The stored ``staff.role``: front desk, manager, admin."""

    DESK = "desk"
    MANAGER = "manager"
    ADMIN = "admin"


class Permission(StrEnum):
    """The actions front desk may not take; managers and admins may."""

    DELETE_CUSTOMERS = "delete_customers"
    MERGE_CUSTOMERS = "merge_customers"
    EXPORT_ALL = "export_all"
    RESTORE = "restore"
    CHANGE_RULES = "change_rules"
    MANAGE_STAFF = "manage_staff"
    READ_AUDIT = "read_audit"


GRANTS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.DESK: frozenset(),
    StaffRole.MANAGER: frozenset(Permission),
    StaffRole.ADMIN: frozenset(Permission),
}
