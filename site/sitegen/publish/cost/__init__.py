"""What the site costs to run: a model of the monthly AWS bill and the load run behind it.

`python -m sitegen.publish cost` (`make cost`) prices a month's traffic from list
prices (`prices`) and the per-request figures the load run measured
(`docs/cost-measured.json`, written by `make cost-measure`). `loadrun` drives
the API in-process against DynamoDB Local; `meter` counts what each request
consumed. Nothing here is part of the Lambda package.
"""
