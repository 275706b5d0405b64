"""An online fallback for names the offline gazetteer does not know: any geopy geocoder, slowed to
its service's rate limit and cached on disk, so a name is asked for once. Off unless asked for.

Only answers are cached: a name found, or a name the service says it does not know. A failure (no
network, an error from the service, an answer that cannot be read) raises
:class:`OnlineGeocoderError` and is not cached, so the name is asked again next time. The cache is
checked when read: a file this module did not write is reported (a warning) and ignored.
"""

from __future__ import annotations

import json
import math
import os
import re
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import GazetteerError

#: Nominatim's usage policy: at most one request a second.
NOMINATIM_DELAY_SECONDS = 1.0
#: The Nominatim server to ask instead of OpenStreetMap's (a URL such as ``http://localhost:8080``).
NOMINATIM_URL_ENV = "TRACKER_NOMINATIM_URL"


class OnlineGeocoderError(GazetteerError, ConnectionError):
    """The online geocoder could not be reached, or its answer could not be read."""


def _reason(error: Exception) -> tuple[str, str]:
    """(what went wrong, what to do) for an error raised by a geopy geocoder."""
    from geopy.exc import GeocoderParseError, GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable

    later = "run again later, or leave out --online"
    text = str(error)
    if isinstance(error, GeocoderTimedOut):
        return "no answer in time", "check the network and run again, or leave out --online"
    if isinstance(error, GeocoderUnavailable):
        errno = re.search(r"\[Errno -?\d+\] ([^\"')]+)", text)
        return (errno[1].strip().lower() if errno else "no connection"), "check the network and run again, or " \
            "leave out --online"
    status = re.search(r"status code (\d{3})", text)
    if isinstance(error, GeocoderRateLimited):
        return "too many requests, HTTP 429", "wait a few minutes and run again"
    if status:
        code = int(status[1])
        return (f"refused, HTTP {code}" if code in (401, 403) else f"HTTP {code}"), later
    if isinstance(error, GeocoderParseError):
        return "an answer that is not JSON", later
    if isinstance(error, ValueError) and "range" in text:
        return "an answer with coordinates out of range", later
    return "an answer without an address or coordinates", later


def _valid_answer(value: Any) -> bool:
    """Whether ``value`` is an answer as :class:`CachedGeocoder` stores it: ``None`` (not found) or
    ``[address, latitude, longitude, raw]``."""
    if value is None:
        return True
    if not (isinstance(value, list) and len(value) == 4 and isinstance(value[0], str) and isinstance(value[3], dict)):
        return False
    lat, lon = value[1], value[2]
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (lat, lon))
    return numbers and -90 <= lat <= 90 and -180 <= lon <= 180


def read_cache(path: Path) -> dict[str, Any]:
    """The answers kept in ``path`` (none when it does not exist); a file that is not such a cache, or
    answers in it that are not places, are left out with a warning.

    >>> read_cache(Path("no-such-cache.json"))
    {}
    """
    if not path.is_file():
        return {}
    problem = None
    data: Any = {}
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        problem = "it is not UTF-8"
    except ValueError:
        problem = "it is not JSON"
    except OSError as error:
        problem = f"it cannot be read: {error.strerror or error}"
    if problem is None and not isinstance(data, dict):
        problem, data = "it is not a JSON object", {}
    kept = {key: value for key, value in data.items() if _valid_answer(value)} if problem is None else {}
    if problem is None and len(kept) != len(data):
        bad = len(data) - len(kept)
        problem = f"{bad} of its {len(data)} answers {'is not a place' if bad == 1 else 'are not places'}"
    if problem:
        warnings.warn(
            f"the --online cache {path} is not one this program wrote ({problem}); what it holds is ignored and "
            "the file is rewritten with the next answer",
            UserWarning,
            stacklevel=3,
        )
        return {}
    return kept


class CachedGeocoder:
    """Wraps a geopy geocoder: one request per ``min_delay_seconds`` at most, answers (found or not)
    kept in a JSON file so the next run asks nothing."""

    def __init__(self, geocoder: Any, cache_path: Path, min_delay_seconds: float = NOMINATIM_DELAY_SECONDS):
        from geopy.extra.rate_limiter import RateLimiter

        self.geocoder = geocoder
        self.cache_path = cache_path
        # No retries and nothing swallowed: geopy would log each failure with its traceback, then
        # return None, which would be kept as "not found".
        self._geocode = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0, swallow_exceptions=False
        )
        self._cache: dict[str, Any] = read_cache(cache_path)
        self._writable = True

    def _where(self) -> str:
        domain = getattr(self.geocoder, "domain", None)
        scheme = getattr(self.geocoder, "scheme", "https")
        return f"{scheme}://{domain}" if domain else type(self.geocoder).__name__

    def geocode(self, query: str, exactly_one: bool = True) -> Any:
        """A ``geopy.Location`` or ``None``, from the cache when the name was asked before.

        Raises :class:`OnlineGeocoderError` when the service cannot be asked or its answer read.
        """
        from geopy.exc import GeopyError
        from geopy.location import Location

        if query not in self._cache:
            try:
                with warnings.catch_warnings():  # geopy warns before it refuses a latitude out of range
                    warnings.simplefilter("ignore")
                    location = self._geocode(query, exactly_one=True)
                answer = (
                    None if location is None
                    else [location.address, location.latitude, location.longitude, location.raw]
                )
            except (GeopyError, TypeError, KeyError, ValueError, AttributeError) as error:
                reason, fix = _reason(error)
                raise OnlineGeocoderError(
                    f"--online: {self._where()} gave no answer for {query!r} ({reason}); nothing was cached; {fix}"
                ) from None
            if not _valid_answer(answer):
                raise OnlineGeocoderError(
                    f"--online: {self._where()} gave no answer for {query!r} (an answer without an address or "
                    "coordinates); nothing was cached; run again later, or leave out --online"
                )
            self._cache[query] = answer
            self._save()
        cached = self._cache[query]
        if cached is None:
            return None if exactly_one else []
        location = Location(cached[0], (cached[1], cached[2]), cached[3])
        return location if exactly_one else [location]

    def _save(self) -> None:
        if not self._writable:
            return
        temporary = self.cache_path.with_name(f".{self.cache_path.name}.{os.getpid()}.tmp")
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(self._cache, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.cache_path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            self._writable = False
            warnings.warn(
                f"cannot write the --online cache {self.cache_path} ({error.strerror or error}); answers are "
                "asked again next time",
                UserWarning,
                stacklevel=3,
            )


def nominatim(
    cache_path: Path | None = None, *, user_agent: str = "conflict-tracker", **options: Any
) -> CachedGeocoder:
    """OpenStreetMap's Nominatim through geopy, rate-limited and cached (by default in the user cache
    folder). ``options`` go to ``geopy.geocoders.Nominatim`` (``domain``, ``scheme``, ``timeout``...);
    without ``domain``, ``$TRACKER_NOMINATIM_URL`` names another Nominatim server to ask."""
    from geopy.geocoders import Nominatim

    if cache_path is None:
        import platformdirs

        cache_path = Path(platformdirs.user_cache_dir("conflict-tracker")) / "nominatim.json"
    url = os.environ.get(NOMINATIM_URL_ENV)
    if url and "domain" not in options:
        parts = urlsplit(url if "//" in url else f"https://{url}")
        options = {"domain": parts.netloc + parts.path.rstrip("/"), "scheme": parts.scheme or "https", **options}
    return CachedGeocoder(Nominatim(user_agent=user_agent, **options), cache_path)
