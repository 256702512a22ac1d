"""The one DynamoDB table: a thin client with bounded retries and our own errors.

boto3 is imported when the first request needs the table, not when the Lambda
module loads, so a cold start that serves ``/health`` or a 404 never pays for it.
Every botocore failure leaves this module as a :class:`StorageError` subclass
with the original error kept as ``__cause__``.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from .settings import Settings

TTL_ATTRIBUTE = "expires_at"
GSI1 = "gsi1"

# Codes that mean "busy or briefly broken": the client should retry later.
_TRANSIENT = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "InternalServerError",
    "ServiceUnavailable",
    "TransactionInProgressException",
    "LimitExceededException",
}


class StorageError(Exception):
    """The table could not do what was asked; ``__cause__`` holds botocore's error."""


class Unavailable(StorageError):
    """DynamoDB is throttling, failing or unreachable: retry later."""


class TableMissing(StorageError):
    """The configured table does not exist (run ``python -m api.tables create``)."""


class ConditionFailed(StorageError):
    """A conditional write found the item in another state than required."""


def _wrap(exc: Exception) -> StorageError:
    from botocore.exceptions import BotoCoreError, ClientError

    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        if code == "ConditionalCheckFailedException":
            return ConditionFailed(code)
        if code == "TransactionCanceledException":
            reasons = [r.get("Code") for r in exc.response.get("CancellationReasons", [])]
            if "ConditionalCheckFailed" in reasons:
                return ConditionFailed(code)
            return Unavailable(code)
        if code == "ResourceNotFoundException":
            return TableMissing(code)
        if code in _TRANSIENT:
            return Unavailable(code)
        return StorageError(code or "ClientError")
    if isinstance(exc, BotoCoreError):
        return Unavailable(type(exc).__name__)
    return StorageError(type(exc).__name__)


def make_client(service: str, endpoint: str, region: str) -> Any:
    """Create a boto3 client with bounded retries and short timeouts."""
    import boto3
    from botocore.config import Config

    config = Config(
        retries={"max_attempts": 3, "mode": "standard"},
        connect_timeout=2,
        read_timeout=5,
    )
    kwargs: dict[str, Any] = {"region_name": region, "config": config}
    if endpoint:
        kwargs["endpoint_url"] = endpoint
        # Local stores accept any credentials; never require real ones for them.
        if not os.environ.get("AWS_ACCESS_KEY_ID"):
            kwargs["aws_access_key_id"] = "local"
            kwargs["aws_secret_access_key"] = "local"
    return boto3.session.Session().client(service, **kwargs)


class Table:
    """Read and write items of the one table, as plain Python dicts."""

    def __init__(self, settings: Settings, client: Any = None) -> None:
        self.name = settings.table_name
        self._settings = settings
        self._client = client
        self._lock = threading.Lock()
        self._ser: Any = None
        self._de: Any = None

    @property
    def client(self) -> Any:
        """Return the DynamoDB client, creating it on first use."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    s = self._settings
                    self._client = make_client("dynamodb", s.dynamodb_endpoint, s.region)
        return self._client

    def call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        """Run a DynamoDB operation, turning botocore failures into StorageError."""
        try:
            return getattr(self.client, operation)(**kwargs)
        except Exception as exc:
            from botocore.exceptions import BotoCoreError, ClientError

            if isinstance(exc, ClientError | BotoCoreError):
                raise _wrap(exc) from exc
            raise

    # -- conversion -------------------------------------------------------
    def dump(self, item: dict[str, Any]) -> dict[str, Any]:
        """Convert a Python dict into DynamoDB's attribute-value form."""
        if self._ser is None:
            from boto3.dynamodb.types import TypeSerializer

            self._ser = TypeSerializer()
        return {k: self._ser.serialize(v) for k, v in item.items()}

    def load(self, item: dict[str, Any]) -> dict[str, Any]:
        """Convert DynamoDB's attribute-value form into a Python dict."""
        if self._de is None:
            from boto3.dynamodb.types import TypeDeserializer

            self._de = TypeDeserializer()
        return {k: self._de.deserialize(v) for k, v in item.items()}

    # -- operations -------------------------------------------------------
    def get(self, pk: str, sk: str) -> dict[str, Any] | None:
        """Return the item at (pk, sk), or None."""
        out = self.call(
            "get_item",
            TableName=self.name,
            Key=self.dump({"pk": pk, "sk": sk}),
            ConsistentRead=True,
        )
        return self.load(out["Item"]) if "Item" in out else None

    def delete(self, pk: str, sk: str) -> dict[str, Any] | None:
        """Delete the item at (pk, sk) and return what it was, or None."""
        out = self.call(
            "delete_item",
            TableName=self.name,
            Key=self.dump({"pk": pk, "sk": sk}),
            ReturnValues="ALL_OLD",
        )
        return self.load(out["Attributes"]) if "Attributes" in out else None

    def update(
        self,
        pk: str,
        sk: str,
        expression: str,
        values: dict[str, Any],
        *,
        names: dict[str, str] | None = None,
        condition: str | None = None,
    ) -> dict[str, Any]:
        """Apply an update expression atomically and return the new item."""
        kwargs: dict[str, Any] = {
            "TableName": self.name,
            "Key": self.dump({"pk": pk, "sk": sk}),
            "UpdateExpression": expression,
            "ExpressionAttributeValues": self.dump(values),
            "ReturnValues": "ALL_NEW",
        }
        if names:
            kwargs["ExpressionAttributeNames"] = names
        if condition:
            kwargs["ConditionExpression"] = condition
        return self.load(self.call("update_item", **kwargs)["Attributes"])

    def put_new(self, item: dict[str, Any]) -> None:
        """Write an item whose key must not exist yet (ConditionFailed otherwise)."""
        self.call(
            "put_item",
            TableName=self.name,
            Item=self.dump(item),
            ConditionExpression="attribute_not_exists(pk)",
        )

    def query(
        self,
        key_name: str,
        key_value: str,
        *,
        index: str | None = None,
        sort_key: str = "sk",
        before: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
        start: dict[str, Any] | None = None,
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        """Return one page of items sharing a partition key, and the key to go on."""
        condition = "#k = :k"
        names = {"#k": key_name}
        values: dict[str, Any] = {":k": key_value}
        if before is not None:
            condition += " AND #s < :s"
            names["#s"] = sort_key
            values[":s"] = before
        kwargs: dict[str, Any] = {
            "TableName": self.name,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": self.dump(values),
            "ScanIndexForward": not newest_first,
        }
        if index:
            kwargs["IndexName"] = index
        if limit:
            kwargs["Limit"] = limit
        if start:
            kwargs["ExclusiveStartKey"] = self.dump(start)
        out = self.call("query", **kwargs)
        items = [self.load(i) for i in out.get("Items", [])]
        last = self.load(out["LastEvaluatedKey"]) if out.get("LastEvaluatedKey") else None
        return items, last

    def transact(self, actions: list[dict[str, Any]]) -> None:
        """Write several items all or nothing (ConditionFailed if any condition fails).

        Each action is one of ``put(...)``, ``update(...)``, ``delete(...)`` below,
        with plain Python values.
        """
        operations = []
        for action in actions:
            ((kind, spec),) = action.items()
            spec = dict(spec, TableName=self.name)
            for key in ("Item", "Key", "ExpressionAttributeValues"):
                if key in spec:
                    spec[key] = self.dump(spec[key])
            operations.append({kind: spec})
        self.call("transact_write_items", TransactItems=operations)


def _conditions(spec: dict[str, Any], condition: str | None, values: dict, names: dict) -> dict:
    if condition:
        spec["ConditionExpression"] = condition
    if values:
        spec["ExpressionAttributeValues"] = values
    if names:
        spec["ExpressionAttributeNames"] = names
    return spec


def put(
    item: dict[str, Any],
    condition: str | None = None,
    values: dict[str, Any] | None = None,
    names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A put for ``Table.transact``."""
    return {"Put": _conditions({"Item": item}, condition, values or {}, names or {})}


def update(
    pk: str,
    sk: str,
    expression: str,
    values: dict[str, Any],
    *,
    names: dict[str, str] | None = None,
    condition: str | None = None,
) -> dict[str, Any]:
    """An update for ``Table.transact``."""
    spec = {"Key": {"pk": pk, "sk": sk}, "UpdateExpression": expression}
    return {"Update": _conditions(spec, condition, values, names or {})}


def delete(
    pk: str,
    sk: str,
    condition: str | None = None,
    values: dict[str, Any] | None = None,
    names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A delete for ``Table.transact``."""
    return {
        "Delete": _conditions({"Key": {"pk": pk, "sk": sk}}, condition, values or {}, names or {})
    }
