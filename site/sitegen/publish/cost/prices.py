"""AWS list prices (us-east-1, USD) the cost model uses, and the assumptions beside them.

One table: each price says per how many units it is quoted, what AWS gives
free every month for good (the "always free" tier; 12-month trials are left
out), and where it was read. docs/cost.md prints the table with its dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

CHECKED = "2026-12-07"


@dataclass(frozen=True)
class Price:
    """A list price: ``usd`` per ``per`` units of ``unit``."""

    service: str
    unit: str
    usd: Decimal
    per: Decimal
    source: str
    free: Decimal = Decimal(0)  # units free every month, for good (the free-tier total)
    free_group: str = ""  # lines sharing one allowance (CloudWatch's 5 GB of logs)

    @property
    def each(self) -> Decimal:
        """Return the price of one unit."""
        return self.usd / self.per


def _p(service: str, unit: str, usd: str, per: int | str, source: str, **kw: object) -> Price:
    return Price(service, unit, Decimal(usd), Decimal(per), source, **kw)  # type: ignore[arg-type]


CF = "https://aws.amazon.com/cloudfront/pricing/"
S3 = "https://aws.amazon.com/s3/pricing/"
APIGW = "https://aws.amazon.com/api-gateway/pricing/"
LAMBDA = "https://aws.amazon.com/lambda/pricing/"
DDB = "https://aws.amazon.com/dynamodb/pricing/on-demand/"
SES = "https://aws.amazon.com/ses/pricing/"
CW = "https://aws.amazon.com/cloudwatch/pricing/"

PRICES: dict[str, Price] = {
    # CloudFront, United States/Europe edges (PriceClass_100), first 10 TB.
    "cloudfront_requests": _p(
        "CloudFront", "HTTPS requests", "0.0100", 10_000, CF, free=Decimal(10_000_000)
    ),
    "cloudfront_transfer": _p(
        "CloudFront", "GB out to the internet", "0.085", 1, CF, free=Decimal(1024)
    ),
    "cloudfront_functions": _p(
        "CloudFront", "function invocations", "0.10", 1_000_000, CF, free=Decimal(2_000_000)
    ),
    "cloudfront_invalidations": _p(
        "CloudFront", "invalidation paths past 1,000 a month", "0.005", 1, CF
    ),
    # S3 Standard; transfer from S3 to CloudFront is free.
    "s3_storage": _p("S3", "GB-months stored", "0.023", 1, S3),
    "s3_get": _p("S3", "GET requests", "0.0004", 1_000, S3),
    "s3_put": _p("S3", "PUT, COPY, POST, LIST requests", "0.005", 1_000, S3),
    # Zappa deploys a REST API (API Gateway v1); HTTP APIs cost $1.00 per million.
    "apigateway_requests": _p("API Gateway", "REST API requests", "3.50", 1_000_000, APIGW),
    "apigateway_http_requests": _p("API Gateway", "HTTP API requests", "1.00", 1_000_000, APIGW),
    # Lambda, x86_64 (zappa_settings.json's architecture).
    "lambda_requests": _p(
        "Lambda", "invocations", "0.20", 1_000_000, LAMBDA, free=Decimal(1_000_000)
    ),
    "lambda_compute": _p("Lambda", "GB-seconds", "0.0000166667", 1, LAMBDA, free=Decimal(400_000)),
    # DynamoDB on demand, Standard table class (prices of 2024-11-01).
    "dynamodb_writes": _p("DynamoDB", "write request units", "0.625", 1_000_000, DDB),
    "dynamodb_reads": _p("DynamoDB", "read request units", "0.125", 1_000_000, DDB),
    "dynamodb_storage": _p("DynamoDB", "GB-months stored", "0.25", 1, DDB, free=Decimal(25)),
    "dynamodb_pitr": _p("DynamoDB", "GB-months under point-in-time recovery", "0.20", 1, DDB),
    # SES outbound email sent from Lambda (not from EC2).
    "ses_emails": _p("SES", "emails sent", "0.10", 1_000, SES),
    "ses_data": _p("SES", "GB of email sent (attachments)", "0.12", 1, SES),
    # CloudWatch, standard log class; 5 GB of ingestion and storage together are free.
    "logs_ingestion": _p("CloudWatch", "GB of logs ingested", "0.50", 1, CW, free_group="logs"),
    "logs_storage": _p("CloudWatch", "GB-months of logs stored", "0.03", 1, CW, free_group="logs"),
    "alarms": _p(
        "CloudWatch", "alarm metrics (standard resolution)", "0.10", 1, CW, free=Decimal(10)
    ),
}
FREE_GROUPS = {"logs": Decimal(5)}  # GB a month shared by the lines of the group


@dataclass(frozen=True)
class Assumptions:
    """What the model cannot measure here, with the reason for each value."""

    # Lambda gives a function one full vCPU at 1,769 MB and a share below that,
    # so the CPU part of a request measured here takes this much longer there.
    full_cpu_mb: int = 1769
    # START, END and REPORT lines Lambda writes to the log for every invocation.
    platform_log_bytes: int = 330
    # Headers API Gateway and CloudFront add to each API answer (request ids, Via,
    # X-Cache, the security headers policy).
    edge_header_bytes: int = 700
    # CloudWatch stores logs compressed; text logs compress to about a sixth.
    log_compression: Decimal = Decimal("0.15")
    hours_per_month: int = 730  # AWS's own month for rate() schedules and storage


ASSUME = Assumptions()
