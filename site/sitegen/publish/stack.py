"""Read what the one-time AWS setup (docs/aws/stack.yaml) promises the owner.

The alarms that email the owner and the Lambda log group's retention: the
deploy's dry run lists them, and the cost model counts the alarms and the
days logs are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

STACK = Path("docs/aws/stack.yaml")


class _Loader(yaml.SafeLoader):
    """A YAML loader that keeps CloudFormation's short tags (!Ref x) as {"Ref": x}."""


def _tag(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        return {name: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {name: loader.construct_sequence(node, deep=True)}
    return {name: loader.construct_mapping(node, deep=True)}


_Loader.add_multi_constructor("!", _tag)

_OPERATORS = {
    "GreaterThanThreshold": ">",
    "GreaterThanOrEqualToThreshold": ">=",
    "LessThanThreshold": "<",
    "LessThanOrEqualToThreshold": "<=",
}


@dataclass(frozen=True)
class Alarm:
    """One CloudWatch alarm of the stack (or the monthly budget)."""

    name: str
    what: str  # Namespace/MetricName, or "AWS Budgets"
    threshold: str


def load(path: Path = STACK) -> dict[str, Any]:
    """Parse the stack template."""
    return yaml.load(path.read_text(), Loader=_Loader)  # noqa: S506 - SafeLoader subclass


def alarms(template: dict[str, Any]) -> list[Alarm]:
    """Return the stack's alarms and budgets, in template order."""
    found = []
    for name, resource in template.get("Resources", {}).items():
        props = resource.get("Properties", {})
        if resource.get("Type") == "AWS::CloudWatch::Alarm":
            if "Metrics" in props:  # metric math: its label and the metrics it reads
                metrics = props["Metrics"]
                expression = next(m for m in metrics if m.get("ReturnData", True))
                read = [m["MetricStat"]["Metric"] for m in metrics if "MetricStat" in m]
                names = ", ".join(f"{m['Namespace']}/{m['MetricName']}" for m in read)
                what = f"{expression.get('Label', expression['Id'])} ({names})"
            else:
                what = f"{props.get('Namespace')}/{props.get('MetricName')}"
            op = _OPERATORS.get(props.get("ComparisonOperator", ""), "?")
            found.append(Alarm(name, what, f"{op} {props.get('Threshold')}"))
        elif resource.get("Type") == "AWS::Budgets::Budget":
            limit = props.get("Budget", {}).get("BudgetLimit", {})
            amount = limit.get("Amount", "")
            if isinstance(amount, dict) and "Ref" in amount:  # a parameter: name its default
                default = template.get("Parameters", {}).get(amount["Ref"], {}).get("Default")
                amount = f"{amount['Ref']} (default {default})"
            found.append(
                Alarm(name, "AWS Budgets, monthly cost", f"at {amount} {limit.get('Unit')}")
            )
    return found


def cloudwatch_alarm_count(template: dict[str, Any]) -> int:
    """Count what CloudWatch bills alarms by: metrics, each of a metric math alarm's too."""
    count = 0
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::CloudWatch::Alarm":
            metrics = resource.get("Properties", {}).get("Metrics")
            count += sum(1 for m in metrics if "MetricStat" in m) if metrics else 1
    return count


def log_retention_days(template: dict[str, Any]) -> int | None:
    """Return the API's log retention in days, or None when logs never expire."""
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Logs::LogGroup":
            days = resource.get("Properties", {}).get("RetentionInDays")
            if isinstance(days, dict) and "Ref" in days:  # a parameter: its default
                days = template.get("Parameters", {}).get(days["Ref"], {}).get("Default")
            return int(days) if days is not None else None
    return None


def describe_alarms(path: Path, stage: str) -> list[str]:
    """Return the lines the deploy's dry run prints about what wakes the owner."""
    if not path.is_file():
        return [f"What wakes the owner: {path} not found, no alarms to list"]
    template = load(path)
    days = log_retention_days(template)
    lines = [f"What wakes the owner ({path}, emailed to OwnerEmail):"]
    for alarm in alarms(template):
        lines.append(f"  alarm {alarm.name}: {alarm.what} {alarm.threshold}")
    kept = "never expire" if days is None else f"kept {days} days"
    lines.append(f"  logs /aws/lambda/frostfolio-{stage}: {kept}")
    return lines
