"""The ``backtest`` command's output: does the churn warning beat plain recency?"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "backtest.title": (
        "Backtest of the churn warning: scored on {cutoff} from the visits before, "
        "outcome no visit in the next {days} days",
        "流失预警回测：以{cutoff}之前的到店记录评分，结果为之后{days}天内未到店",
    ),
    "backtest.population": (
        "{customers} customers, of whom {rate} did not come back",
        "共{customers}位客户，其中{rate}未回店",
    ),
    "backtest.model": (
        "risk model: {source}, trained at {trained_on} on what happened before {cutoff}",
        "风险模型：{source}，在{trained_on}训练，只用{cutoff}之前的数据",
    ),
    "backtest.source.fit": ("fitted", "数据拟合"),
    "backtest.source.prior": (
        "documented prior weights (too little history to fit)",
        "预设权重（历史数据不足以拟合）",
    ),
    "backtest.ranker.risk": ("risk score", "流失预警分"),
    "backtest.ranker.recency": ("days since last visit", "距上次到店天数"),
    "backtest.ranker.bgnbd": ("BG/NBD expected visits", "BG/NBD预期到店次数"),
    "backtest.header.ranker": ("ranker", "排序方法"),
    "backtest.header.auc": ("AUC", "AUC"),
    "backtest.header.top10": ("top 10% no-return", "前10%未回店率"),
    "backtest.header.lift": ("top 10% lift", "前10%提升度"),
    "backtest.header.bands": (
        "no-return rate by band (low / medium / high)",
        "各风险段未回店率（低/中/高）",
    ),
    "backtest.bands_note": (
        "band sizes (risk score): low {low}, medium {medium}, high {high}; "
        "the baselines are cut into groups of the same sizes",
        "风险段人数（流失预警分）：低{low}，中{medium}，高{high}；基线按相同人数分组",
    ),
    "backtest.verdict.beats": ("the risk score beats both baselines", "流失预警分优于两个基线"),
    "backtest.verdict.not": (
        "the risk score does NOT beat both baselines",
        "流失预警分未能优于两个基线",
    ),
}
