"""Run the packaged Lambda handler the way Lambda does; stdlib only.

Usage: python -I -S lambda_runner.py TASK_DIR RUNTIME_LIBS_DIR < events.json

TASK_DIR is the unzipped package (Lambda's /var/task); RUNTIME_LIBS_DIR holds
only what Lambda's runtime adds (boto3 and its dependencies). Events are
answered in order; a body may say ``$TOKEN`` to use the ``token`` field of the
previous JSON response (the contact form's token). Prints one JSON document:
import time, time per request, the responses and any module loaded from elsewhere.
"""

import contextlib
import json
import os
import sys
import sysconfig
import time


class Context:
    """The parts of Lambda's context object the handler uses."""

    function_name = "frostfolio-prod"
    aws_request_id = "test-request"
    memory_limit_in_mb = 256

    def get_remaining_time_in_millis(self):
        """Pretend plenty of time is left."""
        return 25_000


def main():
    """Import the handler from the package, answer the events, report."""
    task, libs = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sys.path[:0] = [task, libs]
    os.chdir(task)  # Lambda's working directory is the package root
    started = time.perf_counter()
    import handler

    import_ms = (time.perf_counter() - started) * 1000
    responses = []
    timings = []
    token = ""
    for event in json.load(sys.stdin):
        if isinstance(event.get("body"), str):
            event["body"] = event["body"].replace("$TOKEN", token)
        started = time.perf_counter()
        response = handler.lambda_handler(event, Context())
        timings.append((time.perf_counter() - started) * 1000)
        responses.append(response)
        with contextlib.suppress(ValueError, AttributeError):
            token = json.loads(response.get("body") or "{}").get("token", token)
    allowed = (task, libs, sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"])
    foreign = sorted(
        f"{name}: {module.__file__}"
        for name, module in list(sys.modules.items())
        if getattr(module, "__file__", None)
        and module.__file__ != os.path.abspath(__file__)
        and not module.__file__.startswith(allowed)
    )
    report = {"import_ms": import_ms, "request_ms": timings, "responses": responses}
    print(json.dumps({**report, "foreign": foreign}))


if __name__ == "__main__":
    main()
