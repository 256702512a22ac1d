"""Publish a built site: S3 sync, CloudFront invalidation, and the Lambda update.

`python -m sitegen.publish deploy --stage prod` is what `make deploy` runs:
check the content, build it, upload what changed to S3 with the right headers,
delete what disappeared, invalidate the changed paths on CloudFront in one
batch, `zappa update` the API, then point the site's `/api/` at it. `--dry-run`
prints the plan and changes nothing.
"""
