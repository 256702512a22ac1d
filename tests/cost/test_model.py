"""The bill's arithmetic: each line is units × list price, the total their sum, in Decimal."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest
from sitegen.publish.cost import model, traffic
from sitegen.publish.cost.prices import ASSUME, PRICES

from .conftest import ROOT


def test_every_line_is_units_times_the_list_price_and_the_total_their_sum(measured_file, setup):
    bill = model.bill(traffic.PRESETS["busy"], setup, model.read_measured(measured_file))
    assert {line.key for line in bill.lines} <= set(PRICES)
    for line in bill.lines:
        assert isinstance(line.units, Decimal) and isinstance(line.cost, Decimal)
        assert line.cost == line.units * line.price.usd / line.price.per
    assert bill.total == sum(line.cost for line in bill.lines)
    assert 0 < bill.after_free_tier() < bill.total


def test_the_issues_month_adds_up_from_the_measured_figures(measured_file, setup):
    month = traffic.PRESETS["busy"]
    bill = model.bill(month, setup, model.read_measured(measured_file))
    units = {line.key: line.units for line in bill.lines}
    visits = month.contact_posts + month.rsvps + month.ratings + month.comments
    actions = visits + month.owner_sessions  # comments are priced like contact posts
    assert units["dynamodb_writes"] == 4 * actions + 4 * (730 * 4 + 730 * 12) + 0
    assert units["apigateway_requests"] == 2 * actions
    assert units["ses_emails"] == 1 * actions
    assert units["cloudfront_requests"] == month.page_views * 4 + 2 * actions
    assert units["alarms"] == 8
    assert any("comments: not measured yet" in note for note in bill.notes)


def test_a_change_in_the_measured_file_changes_the_bill(tmp_path, measured_file, setup):
    month = traffic.PRESETS["busy"]
    before = model.bill(month, setup, model.read_measured(measured_file))
    data = json.loads(measured_file.read_text())
    data["actions"]["contact_posts"]["wru"] = 40  # ten times the writes
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data))
    after = model.bill(month, setup, model.read_measured(changed))
    writes = PRICES["dynamodb_writes"].each
    # Contact posts, and comments priced like them, each write 36 units more.
    extra = (month.contact_posts + month.comments) * 36 * writes
    assert after.total - before.total == extra


def test_the_idle_month_pays_for_every_scheduled_run(measured_file, setup):
    bill = model.bill(traffic.PRESETS["idle"], setup, model.read_measured(measured_file))
    units = {line.key: line.units for line in bill.lines}
    runs = Decimal(730 * 4) + Decimal(730 * 12) + Decimal(730 * 12)  # 15 min, 5 min, keep-warm
    assert units["lambda_requests"] == runs
    assert units["apigateway_requests"] == 0 and units["cloudfront_requests"] == 0
    assert units["dynamodb_writes"] == 4 * (730 * 4 + 730 * 12)  # the jobs', not keep-warm's
    assert units["lambda_compute"] > 0
    assert bill.total > 0
    without_jobs = dataclasses.replace(setup, jobs=(), keep_warm=None)
    idle = model.bill(traffic.PRESETS["idle"], without_jobs, model.read_measured(measured_file))
    assert {line.key: line.units for line in idle.lines}["lambda_requests"] == 0


def test_lambda_time_scales_the_cpu_part_with_memory_and_not_the_wait():
    figures = {"ms": Decimal(30), "aws_ms": Decimal(10), "invocations": Decimal(2)}
    scale = Decimal(ASSUME.full_cpu_mb) / 256
    expected = (20 * scale + 10) / 2
    assert model.lambda_ms(figures, 256) == Decimal(int(expected) + 1) * 2  # whole ms each
    assert model.lambda_ms(figures, 4096) == Decimal(15 * 2)  # a full vCPU: as measured


def test_the_cuts_are_priced_by_the_model(measured_file, setup):
    measured = model.read_measured(measured_file)
    month = traffic.PRESETS["busy"]
    cuts = {cut.what: cut for cut in model.cuts(month, setup, measured)}
    base = model.bill(month, setup, measured).total
    assert set(cuts) >= {"keep-warm off", "log retention 7 days", "memory 128 MB"}
    for what, changed in model.alternatives(setup):
        assert cuts[what].total == model.bill(month, changed, measured).total
        assert cuts[what].saves == base - cuts[what].total
    assert cuts["keep-warm off"].saves > 0
    assert cuts["log retention 7 days"].saves > 0
    assert cuts["logs never expire (for comparison)"].saves < 0


@pytest.mark.parametrize(
    ("expression", "runs"),
    [("rate(5 minutes)", 8760), ("rate(15 minutes)", 2920), ("rate(1 hour)", 730),
     ("rate(1 day)", Decimal(730) / 24)],
)  # fmt: skip
def test_schedules_are_counted_over_a_730_hour_month(expression, runs):
    assert traffic.runs_per_month(expression) == runs


def test_the_stages_setup_comes_from_zappa_settings_and_the_stack():
    prod = traffic.read_setup(
        ROOT / "zappa_settings.json", "prod", ROOT / "docs" / "aws" / "stack.yaml"
    )
    config = json.loads((ROOT / "zappa_settings.json").read_text())
    assert prod.memory_mb == config["dev"]["memory_size"]
    assert [f for f, _ in prod.jobs] == [e["function"] for e in config["dev"]["events"]]
    assert prod.keep_warm == config["prod"]["keep_warm_expression"]
    assert prod.alarms >= 6
    assert prod.log_retention_days is not None
    dev = traffic.read_setup(
        ROOT / "zappa_settings.json", "dev", ROOT / "docs" / "aws" / "stack.yaml"
    )
    assert dev.keep_warm is None


def test_a_traffic_file_changes_the_preset_and_refuses_unknown_fields(tmp_path):
    path = tmp_path / "month.yml"
    path.write_text("page_views: 250000\nkb_per_page_view: 80.5\n")
    month = traffic.load("idle", path)
    assert month.page_views == 250_000 and month.kb_per_page_view == Decimal("80.5")
    assert month.contact_posts == 0
    path.write_text("pageviews: 3\n")
    with pytest.raises(traffic.TrafficError, match="pageviews: unknown"):
        traffic.load("busy", path)
