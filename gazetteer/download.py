"""Village-level places, the user's way: GeoNames' country dumps downloaded into the user's table.

GeoNames publishes one zip per country (``SY.zip`` holding ``SY.txt``) at
https://download.geonames.org/export/dump/; ``$TRACKER_GEONAMES_URL`` names another server with the
same layout (a mirror, or a local copy). Each dump is read as :func:`gazetteer.importer.import_places`
reads ``SY.txt``, merged with the places already known, and written through the same atomic write.
"""

from __future__ import annotations

import re
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Sequence
from pathlib import Path

from .errors import GazetteerError
from .importer import ImportResult, import_places

#: Where GeoNames publishes its country dumps.
GEONAMES_URL = "https://download.geonames.org/export/dump/"
#: The environment variable naming another server with the same layout.
GEONAMES_URL_ENV = "TRACKER_GEONAMES_URL"
_CHUNK = 1 << 16


class DownloadError(GazetteerError, OSError):
    """A country dump cannot be fetched, or what came is not a GeoNames country zip."""


def dump_url(country: str, base: str | None = None) -> str:
    """The address of a country's dump.

    >>> dump_url("sy"), dump_url("IQ", "http://127.0.0.1:8000/dumps")
    ('https://download.geonames.org/export/dump/SY.zip', 'http://127.0.0.1:8000/dumps/IQ.zip')
    """
    import os

    base = base or os.environ.get(GEONAMES_URL_ENV) or GEONAMES_URL
    return f"{base.rstrip('/')}/{country.upper()}.zip"


def check_country(code: str) -> str:
    """The ISO code in capitals, or a :class:`DownloadError` saying what a code looks like.

    >>> check_country("sy")
    'SY'
    >>> check_country("Syria")
    Traceback (most recent call last):
    ...
    gazetteer.download.DownloadError: 'Syria' is not a country code; give two letters, such as SY, IQ, JO or LB
    """
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        raise DownloadError(f"{code!r} is not a country code; give two letters, such as SY, IQ, JO or LB")
    return code.upper()


def download_countries(countries: Sequence[str], into: Path | None = None, *, force: bool = False,
                       base: str | None = None, progress: bool = False) -> list[ImportResult]:
    """Download the GeoNames dump of each country (ISO codes such as ``SY``) and add its places to the
    user's table (``into``, default the user's own), one place one entry. Nothing of a country is
    written unless its whole dump arrived and every row is good."""
    codes = [check_country(code) for code in countries]
    results = []
    with tempfile.TemporaryDirectory(prefix="geonames-") as folder:
        for code in codes:
            dump = _fetch(code, dump_url(code, base), Path(folder), progress)
            results.append(import_places(dump, into, force=force))
    return results


def _fetch(code: str, url: str, folder: Path, progress: bool) -> Path:
    """The ``CC.txt`` of the zip at ``url``, unpacked into ``folder``."""
    archive = folder / f"{code}.zip"
    try:
        with urllib.request.urlopen(url, timeout=60) as response, archive.open("wb") as stream:
            total = int(response.headers.get("Content-Length") or 0) or None
            from tqdm import tqdm

            with tqdm(total=total, unit="B", unit_scale=True, desc=f"{code}.zip", disable=not progress or None,
                      leave=False) as bar:
                while chunk := response.read(_CHUNK):
                    stream.write(chunk)
                    bar.update(len(chunk))
    except urllib.error.HTTPError as error:
        raise DownloadError(f"{url}: the server answered {error.code} {error.reason}; check the country code, "
                            f"or ${GEONAMES_URL_ENV}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise DownloadError(f"{url} cannot be fetched ({reason}); check the network, or point ${GEONAMES_URL_ENV} "
                            "at a copy of GeoNames' dumps") from None
    member = f"{code}.txt"
    if not zipfile.is_zipfile(archive):
        raise DownloadError(f"{url} is not a zip file; ${GEONAMES_URL_ENV} should name a folder of GeoNames "
                            "country dumps such as SY.zip")
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        if member not in names:
            held = ", ".join(names[:5]) or "nothing"
            raise DownloadError(f"{url} holds {held}, not {member}; is it a GeoNames country dump?")
        target = folder / member
        with bundle.open(member) as source, target.open("wb") as stream:
            while chunk := source.read(_CHUNK):
                stream.write(chunk)
    archive.unlink()
    return target
