"""Create the API's table (keys, GSI, TTL): ``python -m api.tables create``.

Idempotent: running it against an existing table only fills in what is missing.
Reads the same ``FROSTFOLIO_*`` settings as the API (see ``api/settings.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from .settings import Settings, load_settings
from .storage import GSI1, TTL_ATTRIBUTE, make_client

KEY_SCHEMA = [
    {"AttributeName": "pk", "KeyType": "HASH"},
    {"AttributeName": "sk", "KeyType": "RANGE"},
]


def table_definition(name: str) -> dict[str, Any]:
    """Return the CreateTable arguments for the one table."""
    return {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": a, "AttributeType": "S"} for a in ("pk", "sk", "gsi1pk", "gsi1sk")
        ],
        "KeySchema": KEY_SCHEMA,
        "GlobalSecondaryIndexes": [
            {
                "IndexName": GSI1,
                "KeySchema": [
                    {"AttributeName": "gsi1pk", "KeyType": "HASH"},
                    {"AttributeName": "gsi1sk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    }


def create_table(settings: Settings, client: Any = None, wait_seconds: float = 60) -> bool:
    """Create the table with its GSI and TTL if needed; return True if it was created."""
    client = client or make_client("dynamodb", settings.dynamodb_endpoint, settings.region)
    name = settings.table_name
    created = False
    try:
        client.create_table(**table_definition(name))
        created = True
    except client.exceptions.ResourceInUseException:
        pass
    deadline = time.monotonic() + wait_seconds
    while client.describe_table(TableName=name)["Table"]["TableStatus"] != "ACTIVE":
        if time.monotonic() > deadline:
            raise TimeoutError(f"table {name} is not ACTIVE after {wait_seconds:.0f} s")
        time.sleep(0.2)
    ttl = client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    # Enabling TTL twice is an error on real DynamoDB, so only ask when it is off.
    if ttl.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
        client.update_time_to_live(
            TableName=name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
        )
    return created


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m api.tables", description=__doc__)
    parser.add_argument("command", choices=["create"])
    parser.add_argument("--table", help="table name (default: FROSTFOLIO_TABLE_NAME)")
    parser.add_argument("--endpoint", help="DynamoDB URL (default: FROSTFOLIO_DYNAMODB_ENDPOINT)")
    args = parser.parse_args(argv)
    overrides = {}
    if args.table:
        overrides["table_name"] = args.table
    if args.endpoint:
        overrides["dynamodb_endpoint"] = args.endpoint
    settings = load_settings(overrides=overrides)
    where = settings.dynamodb_endpoint or f"AWS {settings.region}"
    try:
        created = create_table(settings)
    except Exception as exc:  # the command line reports, it does not trace back
        print(f"could not create table {settings.table_name} at {where}: {exc}", file=sys.stderr)
        return 1
    state = "created" if created else "already exists"
    print(f"table {settings.table_name} at {where}: {state} (GSI {GSI1}, TTL {TTL_ATTRIBUTE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
