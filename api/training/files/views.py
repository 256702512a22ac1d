"""``POST /training/imports``: upload GPX, TCX or FIT files, one or a zip, as workouts.

Owner-only like every training endpoint. The body is ``multipart/form-data``
with one or more ``file`` parts; it may be up to :data:`MAX_UPLOAD_BYTES`
(Lambda takes about 6 MB per request, base64 included), far more than the
API's usual JSON limit, so the limit is raised for this route alone before
anything reads the body.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ...auth import require_owner
from ...errors import ApiError, BadRequest, InvalidFields, UnsupportedMediaType
from ...idempotency import idempotent
from ...services import current

MAX_UPLOAD_BYTES = 4 * 1024 * 1024
MAX_PARTS = 20

bp = Blueprint("training_imports", __name__)


@bp.before_request
def _allow_uploads() -> None:
    # Before the owner check and @idempotent, which hashes the body: both read it.
    request.max_content_length = MAX_UPLOAD_BYTES
    request.max_form_parts = MAX_PARTS * 2


bp.before_request(require_owner)


class ArchiveTooLarge(ApiError):
    status, code = 413, "archive_refused"


@bp.post("/training/imports")
@idempotent
def import_files() -> tuple[Response, int]:
    """Import workout files (GPX, TCX, FIT, gzipped or in a zip): one result per file."""
    from .archive import ArchiveRefused
    from .service import import_upload

    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(
            "Send the files as multipart/form-data, each in a part named 'file'."
        )
    parts = [f for f in request.files.getlist("file") if f.filename]
    if not parts:
        raise BadRequest("Send at least one file in a part named 'file'.", code="no_file")
    if len(parts) > MAX_PARTS:
        raise BadRequest(f"Send at most {MAX_PARTS} files at once (or one zip).")
    table = current().table
    results = []
    for part in parts:
        name = (part.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1]
        try:
            results.extend(import_upload(table, name, part.read()))
        except ArchiveRefused as exc:
            raise ArchiveTooLarge(str(exc)) from None
    if not results:
        names = ", ".join(sorted({p.filename or "upload" for p in parts}))
        raise InvalidFields(f"{names}: holds no GPX, TCX or FIT file", code="invalid_file")
    counts = {s: sum(r["status"] == s for r in results) for s in ("created", "duplicate", "error")}
    if results and counts["error"] == len(results):
        problems = {r["file"]: r["message"].split(": ", 1)[-1] for r in results}
        raise InvalidFields(
            "; ".join(r["message"] for r in results)[:1000], fields=problems, code="invalid_file"
        )
    status = 201 if counts["created"] else 200
    return jsonify(ok=True, results=results, **counts), status
