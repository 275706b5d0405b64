"""An online fallback for names the offline gazetteer does not know: any geopy geocoder, slowed to
its service's rate limit and cached on disk, so a name is asked for once. Off unless asked for."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

#: Nominatim's usage policy: at most one request a second.
NOMINATIM_DELAY_SECONDS = 1.0


class CachedGeocoder:
    """Wraps a geopy geocoder: one request per ``min_delay_seconds`` at most, answers (found or not)
    kept in a JSON file so the next run asks nothing."""

    def __init__(self, geocoder: Any, cache_path: Path, min_delay_seconds: float = NOMINATIM_DELAY_SECONDS):
        from geopy.extra.rate_limiter import RateLimiter

        self.geocoder = geocoder
        self.cache_path = cache_path
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1)
        self._cache: dict[str, Any] = (
            json.loads(cache_path.read_text(encoding="utf-8")) if cache_path.is_file() else {}
        )

    def geocode(self, query: str, exactly_one: bool = True) -> Any:
        """A ``geopy.Location`` or ``None``, from the cache when the name was asked before."""
        from geopy.location import Location

        if query not in self._cache:
            location = self._geocode(query, exactly_one=True)
            self._cache[query] = (
                None if location is None else [location.address, location.latitude, location.longitude, location.raw]
            )
            self._save()
        cached = self._cache[query]
        if cached is None:
            return None if exactly_one else []
        location = Location(cached[0], (cached[1], cached[2]), cached[3])
        return location if exactly_one else [location]

    def _save(self) -> None:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.cache_path.with_name(f".{self.cache_path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self._cache, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.cache_path)


def nominatim(
    cache_path: Path | None = None, *, user_agent: str = "conflict-tracker", **options: Any
) -> CachedGeocoder:
    """OpenStreetMap's Nominatim through geopy, rate-limited and cached (by default in the user cache
    folder). ``options`` go to ``geopy.geocoders.Nominatim`` (``domain``, ``scheme``, ``timeout``...)."""
    from geopy.geocoders import Nominatim

    if cache_path is None:
        import platformdirs

        cache_path = Path(platformdirs.user_cache_dir("conflict-tracker")) / "nominatim.json"
    return CachedGeocoder(Nominatim(user_agent=user_agent, **options), cache_path)
