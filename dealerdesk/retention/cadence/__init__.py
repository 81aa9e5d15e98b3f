"""The follow-up cadence engine: rules, calendar arithmetic and the pure planner.

No database here: the store loads ``CustomerInput`` values and writes back what
``plan_customer`` wants; ``dealerdesk.services.followups`` ties the two together.
"""

from __future__ import annotations

from dealerdesk.retention.cadence.dates import WorkCalendar
from dealerdesk.retention.cadence.inputs import (
    CampaignInput,
    ComplaintInput,
    CustomerInput,
    CustomerPlan,
    HeldBack,
    PendingInput,
    PersonalDateInput,
    PlannedFollowup,
    VehicleInput,
    VisitInput,
)
from dealerdesk.retention.cadence.planner import PlanContext, plan, plan_customer
from dealerdesk.retention.cadence.rules import (
    DEFAULT_RULES,
    KIND_LABELS,
    RULE_KEYS,
    CadenceConfig,
    RuleSpec,
    StoredRule,
    effective_rules,
    kind_label,
)

__all__ = [
    "DEFAULT_RULES", "KIND_LABELS", "RULE_KEYS", "CadenceConfig", "CampaignInput",
    "ComplaintInput", "CustomerInput", "CustomerPlan", "HeldBack", "PendingInput", "PersonalDateInput",
    "PlanContext", "PlannedFollowup", "RuleSpec", "StoredRule", "VehicleInput", "VisitInput",
    "WorkCalendar", "effective_rules", "kind_label", "plan", "plan_customer",
]  # fmt: skip
