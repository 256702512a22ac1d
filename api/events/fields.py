"""The fields of an RSVP and of a change to one, and the answers to an event's questions.

Answers travel as flat fields ``answer_<question id>``, in JSON as in HTML
forms, so a page's script can post its form's fields as they are. Their shape
is checked with the other fields (text, no control characters) before the
event is read; whether they answer the event's questions, after.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..errors import InvalidFields
from ..validation import Field, validate
from . import keys

HONEYPOT = "website"
ANSWER_PREFIX = "answer_"
ANSWER_KEY = re.compile(f"{ANSWER_PREFIX}{keys.QUESTION_PATTERN}")
ANSWER_FIELD = Field(
    required=False, max_length=1000, description="Answer to the event's question of this id."
)
PARTY = Field(
    type=int,
    required=False,
    minimum=1,
    maximum=keys.MAX_PARTY,
    default=1,
    description="How many people, the attendee included (at most the event's max_party).",
)
RSVP_FIELDS = {
    "name": Field(max_length=100, single_line=True, description="Who is coming."),
    "email": Field(
        max_length=254,
        format="email",
        single_line=True,
        description="Where the confirmation and the manage link go; one RSVP per address.",
    ),
    "party": PARTY,
    HONEYPOT: Field(
        required=False,
        max_length=0,
        description="Honeypot: people leave it empty; any value is refused as spam.",
    ),
    "token": Field(
        max_length=100,
        single_line=True,
        description="Form token from GET /events/{event_id}/rsvp/token.",
    ),
}
CHANGE_FIELDS = {
    "party": Field(
        type=int,
        required=False,
        minimum=1,
        maximum=keys.MAX_PARTY,
        description="New size of the party (more seats only if free).",
    ),
    "claim": Field(
        type=bool,
        required=False,
        description="true takes the seats offered from the waitlist.",
    ),
}
ACTIONS = ("save", "cancel", "claim")
MANAGE_FORM_FIELDS = {
    "action": Field(
        pattern="(?:save|cancel|claim)",
        pattern_message="Must be save, cancel or claim.",
        description="What the button pressed does.",
    ),
    "party": CHANGE_FIELDS["party"],
}
_DIGITS = re.compile("[0-9]{1,6}")


def from_form(data: dict[str, Any]) -> dict[str, Any]:
    """Read a form's party as a number (ASCII digits only); a blank one as left out."""
    data = dict(data)
    raw = data.get("party")
    if isinstance(raw, str):
        if not raw.strip():
            data.pop("party")
        elif _DIGITS.fullmatch(raw.strip()):
            data["party"] = int(raw.strip())
    return data


def _whole(value: Any) -> Any:
    # JSON Schema calls 2.0 an integer, and the body reader reads it as Decimal("2.0").
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return value


def split(data: Any, fields: dict[str, Field]) -> tuple[dict[str, Any], dict[str, str]]:
    """Validate ``data`` against ``fields`` plus any ``answer_<id>``; return both, cleaned.

    Every problem, in either part, is reported at once.
    """
    if not isinstance(data, dict):
        return validate(data, fields), {}
    answers = {k: v for k, v in data.items() if isinstance(k, str) and ANSWER_KEY.fullmatch(k)}
    rest = {k: _whole(v) if fields.get(k, ANSWER_FIELD).type is int else v for k, v in data.items()}
    rest = {k: v for k, v in rest.items() if k not in answers}
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    try:
        clean = validate(rest, fields)
    except InvalidFields as exc:
        errors.update(exc.fields)
    try:
        checked = validate(answers, {k: ANSWER_FIELD for k in answers})
    except InvalidFields as exc:
        errors.update(exc.fields)
        checked = {}
    if errors:
        raise InvalidFields(fields=errors)
    return clean, {k.removeprefix(ANSWER_PREFIX): v for k, v in checked.items()}


def answers_for(
    event: dict[str, Any], given: dict[str, str], *, partial: bool = False
) -> dict[str, str]:
    """Check answers against the event's questions; return them by question id.

    ``partial``: a change may leave questions out (they keep their answers).
    """
    questions = {q["id"]: q for q in event.get("questions") or []}
    errors: dict[str, str] = {}
    for qid in given:
        if qid not in questions:
            errors[ANSWER_PREFIX + qid] = "This event asks no such question."
    answers: dict[str, str] = {}
    for qid, q in questions.items():
        name, value = ANSWER_PREFIX + qid, given.get(qid, "")
        if qid not in given and partial:
            continue
        if not value:
            if q.get("required"):
                errors[name] = "This field is required."
            answers[qid] = ""
        elif q["type"] == "choice" and value not in q.get("choices", []):
            errors[name] = "Must be one of: " + ", ".join(q.get("choices", [])) + "."
        elif q["type"] == "yesno" and value not in ("yes", "no"):
            errors[name] = "Must be yes or no."
        elif q["type"] != "text" and "\n" in value:
            errors[name] = "Must be on one line."
        else:
            answers[qid] = value
    if errors:
        raise InvalidFields(fields=errors)
    return answers


def check_party(event: dict[str, Any], party: int | None) -> None:
    """Refuse a party larger than the event allows per RSVP."""
    largest = int(event.get("max_party", 4))
    if party is not None and party > largest:
        raise InvalidFields(
            f"At most {largest} people per RSVP for this event.",
            fields={"party": f"Must be a whole number from 1 to {largest}."},
        )


def raw_answers(data: dict[str, Any]) -> dict[str, str]:
    """Return the text answers of a body by question id, unchecked (for extra error reports)."""
    return {
        k.removeprefix(ANSWER_PREFIX): v
        for k, v in data.items()
        if isinstance(k, str) and ANSWER_KEY.fullmatch(k) and isinstance(v, str)
    }


def event_problems(
    event: dict[str, Any], party: int | None, given: dict[str, str], *, partial: bool = False
) -> dict[str, str]:
    """Return what the event finds wrong with a party size and answers, by field."""
    problems: dict[str, str] = {}
    for check in (
        lambda: check_party(event, party),
        lambda: answers_for(event, given, partial=partial),
    ):
        try:
            check()
        except InvalidFields as exc:
            problems.update(exc.fields)
    return problems
