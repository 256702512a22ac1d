"""Read a FIT file (Garmin, Wahoo, Coros, Strava's app) with fitdecode."""

from __future__ import annotations

import io
import struct
from datetime import UTC, datetime
from typing import Any

from .model import Activity, FileProblem, Lap, Point, sport_from

SEMICIRCLE = 180 / 2**31


def check_header(name: str, data: bytes) -> None:
    """Refuse what is not a FIT file, and a file cut short, before decoding it."""
    if len(data) < 12 or data[8:12] != b".FIT":
        raise FileProblem(name, "not a FIT file (no .FIT signature in its header)")
    header_size = data[0]
    if header_size not in (12, 14):
        raise FileProblem(name, f"damaged FIT header (size {header_size}, expected 12 or 14)")
    (data_size,) = struct.unpack_from("<I", data, 4)
    expected = header_size + data_size + 2  # the records, then a 2-byte checksum
    if len(data) < expected:
        raise FileProblem(name, f"file ends after {len(data):,} of {expected:,} bytes")


def read_fit(name: str, data: bytes) -> Activity:
    """Parse a FIT activity: its records, laps and the session's sport and totals."""
    import fitdecode  # lazy: only an import request pays for it

    check_header(name, data)
    points: list[Point] = []
    laps: list[Lap] = []
    session: dict[str, Any] = {}
    sport_word = None
    offset = None
    try:
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "record":
                    points.append(_point(frame))
                elif frame.name == "lap":
                    laps.append(
                        Lap(
                            start=_utc(_value(frame, "start_time")),
                            seconds=_value(frame, "total_timer_time"),
                            distance=_value(frame, "total_distance"),
                        )
                    )
                elif frame.name == "session" and not session:
                    session = {f.name: f.value for f in frame.fields}
                elif frame.name == "sport" and sport_word is None:
                    sport_word = _value(frame, "sport")
                elif frame.name == "activity":
                    offset = _offset(_value(frame, "timestamp"), _value(frame, "local_timestamp"))
    except fitdecode.FitCRCError:
        raise FileProblem(name, "its checksum does not match: the file is damaged") from None
    except fitdecode.FitEOFError:
        raise FileProblem(name, "file ends in the middle of a record") from None
    except fitdecode.FitError as exc:
        raise FileProblem(name, f"damaged FIT data ({exc})") from None
    if not points and not session:
        raise FileProblem(name, "holds no activity (no records and no session)")
    sport = session.get("sport") or sport_word
    points = [p for p in points if p.time is not None]
    points.sort(key=lambda p: p.time)  # type: ignore[arg-type, return-value]
    return Activity(
        sport=sport_from(str(sport) if sport is not None else None),
        name=session.get("sport_profile_name"),
        points=points,
        laps=laps,
        device_distance=_float(session.get("total_distance")),
        device_moving=_float(session.get("total_timer_time")),
        device_elapsed=_float(session.get("total_elapsed_time")),
        utc_offset_s=offset,
    )


def _offset(utc: Any, local: Any) -> int | None:
    """Return the device's UTC offset in seconds (to the quarter hour), if it is plausible."""
    if not (isinstance(utc, datetime) and isinstance(local, datetime)):
        return None
    # fitdecode reads local_timestamp as if it were UTC: the difference is the offset.
    seconds = round((local - utc).total_seconds() / 900) * 900
    return seconds if abs(seconds) <= 14 * 3600 else None


def _value(frame: Any, field: str) -> Any:
    return frame.get_value(field, fallback=None) if frame.has_field(field) else None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _utc(value: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _point(frame: Any) -> Point:
    lat, lon = _value(frame, "position_lat"), _value(frame, "position_long")
    ele = _value(frame, "enhanced_altitude")
    if ele is None:
        ele = _value(frame, "altitude")
    hr = _value(frame, "heart_rate")
    located = isinstance(lat, int) and isinstance(lon, int)
    return Point(
        time=_utc(_value(frame, "timestamp")),
        lat=lat * SEMICIRCLE if located else None,
        lon=lon * SEMICIRCLE if located else None,
        ele=_float(ele),
        hr=hr if isinstance(hr, int) and 20 <= hr <= 250 else None,
        distance=_float(_value(frame, "distance")),
    )
