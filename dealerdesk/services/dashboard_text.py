"""The dashboard's figures as words and rows, for ``dealerdesk metrics`` and the retention
summary PDF (issue #15): one wording for both, in the chosen language."""

from __future__ import annotations

from dealerdesk.i18n import CATALOG, fmt_int, fmt_money, t
from dealerdesk.reports.retention import RetentionReport
from dealerdesk.retention.metrics import Ratio
from dealerdesk.services.dashboard import Dashboard, Headline, leaky_bucket

__all__ = ["figure_rows", "report_data"]

DEFINED = ("retention", "churn", "active", "service13", "by_age", "declined", "repeat", "nps",
           "first_response", "resolution", "complaints_in_target", "referrals", "clv", "bands",
           "leaky", "staff")  # fmt: skip


def pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.1f}%"


def ratio(r: Ratio) -> str:
    if r.value is None:
        return "–"
    return t("dash.ratio", pct=pct(r.value), part=fmt_int(r.part), whole=fmt_int(r.whole))


def _hours(v: float | None) -> str:
    return "–" if v is None else t("dash.hours", h=f"{v:.0f}")


def _pts(a: float | None, b: float | None) -> str:
    return "" if a is None or b is None else t("dash.pts", n=f"{(a - b) * 100:+.1f}")


def _headline(h: Headline) -> list[str]:
    return [ratio(h.retention), pct(h.annual_churn), fmt_int(h.active_at_end),
            ratio(h.service_13m), ratio(h.declined_recapture), ratio(h.repeat_purchase),
            "–" if h.nps.score is None else f"{h.nps.score:+.0f} ({h.nps.responses})",
            _hours(h.first_response_median_h), _hours(h.resolution_median_h),
            ratio(h.complaints_in_target),
            f"{fmt_int(h.referrals.whole)} / {fmt_int(h.referrals.part)}"]  # fmt: skip


HEADLINE_CODES = ("retention", "annual_churn", "active", "service13", "declined", "repeat", "nps",
                  "first_response", "resolution", "complaints_in_target", "referrals")  # fmt: skip


def figure_rows(b: Dashboard, *, growth_target: float = 0.10) -> list[tuple[str, str, str, str]]:
    """(figure, period, comparison, change) rows: the headline figures, each month's
    retention and churn, 13-month service retention by month, CLV by tier, each person."""
    now, was = _headline(b.now), _headline(b.before)
    changes = {
        "retention": _pts(b.now.retention.value, b.before.retention.value),
        "annual_churn": _pts(b.now.annual_churn, b.before.annual_churn),
        "service13": _pts(b.now.service_13m.value, b.before.service_13m.value),
        "declined": _pts(b.now.declined_recapture.value, b.before.declined_recapture.value),
        "repeat": _pts(b.now.repeat_purchase.value, b.before.repeat_purchase.value),
        "complaints_in_target": _pts(b.now.complaints_in_target.value,
                                     b.before.complaints_in_target.value),
    }  # fmt: skip
    rows = [(t(f"dash.fig.{c}"), n, w, changes.get(c, "")) for c, n, w in
            zip(HEADLINE_CODES, now, was, strict=True)]  # fmt: skip
    needed = leaky_bucket(b.now.active_at_end, b.now.annual_churn, growth_target)
    rows.append(
        (
            t("dash.fig.leaky"),
            "–" if needed is None else fmt_int(needed),
            "",
            f"+{growth_target:.0%}",
        )
    )
    for label, r in b.months:
        rows.append(
            (
                f"{t('dash.fig.retention')} {label}",
                ratio(r),
                "",
                f"{t('dash.fig.churn')} {pct(None if r.value is None else 1 - r.value)}",
            )
        )
    for label, r in b.quarters:
        rows.append(
            (
                f"{t('dash.fig.retention')} {label}",
                ratio(r),
                "",
                f"{t('dash.fig.churn')} {pct(None if r.value is None else 1 - r.value)}",
            )
        )
    for label, r in b.service_months:
        rows.append((f"{t('dash.fig.service13')} {label}", ratio(r), "", ""))
    for age, r in b.by_age:
        years = t("dash.years_plus" if age >= 10 else "dash.years", n=age)
        rows.append((f"{t('dash.fig.by_age')}: {years}", ratio(r), "", ""))
    for tier, n, annual, kept, clv in b.tiers:
        rows.append(
            (
                f"{t('dash.fig.clv')}: {tier_label(tier)}",
                "–" if clv is None else fmt_money(clv),
                "",
                f"{fmt_int(n)} · {'–' if annual is None else fmt_money(annual)} · {pct(kept)}",
            )
        )
    for s in b.staff:
        rows.append(
            (
                f"{t('dash.fig.staff')}: {s.name}",
                ratio(s.retention),
                "",
                f"{t('dash.col.followups')} {ratio(s.followups_on_time)}; "
                f"{t('dash.col.calls')} {fmt_int(s.calls)}; "
                f"{t('dash.col.complaints')} {ratio(s.complaints_in_target)}",
            )
        )
    return rows


def tier_label(code: str) -> str:
    key = f"vocab.value_tier.{code}"
    return t(key) if key in CATALOG else code


def report_data(b: Dashboard, *, dealership: str, growth_target: float = 0.10) -> RetentionReport:
    """The retention summary PDF's plain data (strings in the chosen language)."""
    now, was = _headline(b.now), _headline(b.before)
    changes = [r[3] for r in figure_rows(b, growth_target=growth_target)[: len(HEADLINE_CODES)]]
    key = tuple((t(f"dash.fig.{c}"), n, w, ch) for c, n, w, ch in
                zip(HEADLINE_CODES, now, was, changes, strict=True))  # fmt: skip
    needed = leaky_bucket(b.now.active_at_end, b.now.annual_churn, growth_target)
    leaky = "" if needed is None else t(
        "dash.leaky_line", growth=f"{growth_target:.0%}", churn=pct(b.now.annual_churn),
        needed=fmt_int(needed), active=fmt_int(b.now.active_at_end))  # fmt: skip
    return RetentionReport(
        dealership=dealership, first=b.period.first, last=b.period.last,
        compare_first=b.compare.first, compare_last=b.compare.last, key_figures=key,
        leaky=leaky,
        months=tuple(m for m, _ in b.months),
        churn=tuple(None if r.value is None else 100 * (1 - r.value) for _, r in b.months),
        service13=tuple(None if r.value is None else 100 * r.value for _, r in b.service_months),
        nps=tuple(r.score for _, r in b.nps_months),
        tiers=tuple((tier_label(tr), fmt_int(n), "–" if a is None else fmt_money(a), pct(k),
                     "–" if c is None else fmt_money(c)) for tr, n, a, k, c in b.tiers),
        staff=tuple((s.name, ratio(s.followups_on_time), fmt_int(s.calls),
                     ratio(s.complaints_in_target), ratio(s.retention)) for s in b.staff),
        definitions=tuple((t(f"dash.fig.{c}"), t(f"dash.def.{c}")) for c in DEFINED),
    )  # fmt: skip
