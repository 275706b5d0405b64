"""Pages that make no network request: Leaflet's JavaScript, CSS and images inlined from the
django-js-lib-leaflet package installed with the project, in place of folium's CDN links."""

from __future__ import annotations

import base64
import importlib.util
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import MapError
from .assets import add_script
from .draw import root
from .markup import Markup

if TYPE_CHECKING:
    import folium


def package_static() -> Path:
    """The folder of Leaflet's files in the installed django-js-lib-leaflet; ``MapError`` naming the
    package when it is missing."""
    spec = importlib.util.find_spec("js_lib_leaflet")
    if spec is None or not spec.submodule_search_locations:
        raise MapError("--offline needs the package django-js-lib-leaflet, which ships Leaflet: "
                       "pip install django-js-lib-leaflet (it is installed with conflict-tracker)")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "js_lib_leaflet"


def inline_assets(fmap: folium.Map) -> None:
    """Replace folium's CDN links by Leaflet's own JavaScript and CSS, inlined."""

    static = package_static()
    css = (static / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match[str]) -> str:
        image = (static / match[1]).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode()})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)
    script = (static / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    fmap.default_js = []
    fmap.default_css = []
    header = root(fmap).header
    header.add_child(Markup(f"<style>{css}</style>"), name="leaflet_css_inline")
    header.add_child(Markup(f"<script>{script}</script>"), name="leaflet_js_inline")
    add_script(root(fmap), "popup-markup.js")  # offline pages carry no jQuery
