"""The map's own JavaScript and CSS: package files in ``tracker/maps/static``, read with
:mod:`importlib.resources` and inlined into the page once each, so a map works offline.

The scripts define functions; a page calls them with data that :func:`js_value` writes as JSON
(only numbers, dates, colours and the names folium gives its elements, never record text).

>>> js_value({"name": "</script><b>"})
'{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
>>> "tracker.timeControl" in asset("time.js")
True
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from .markup import Markup

if TYPE_CHECKING:
    from branca.element import Figure

#: What :func:`js_value` writes as JSON escapes, so that no JSON ends a script element or a line.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                              "\u2029": "\\u2029"})


def asset(name: str) -> str:
    """The text of the package file ``static/<name>``."""
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def js_value(value: Any) -> str:
    """``value`` as a JavaScript literal (JSON) that can stand inside a script element."""
    return json.dumps(value, separators=(",", ":")).translate(_SCRIPT_SAFE)


def script_data(value: Any) -> str:
    """``value`` as a JavaScript literal (JSON) for the inside of a script element, where character
    references mean nothing, so ``&`` stays as it is (markup made of inert text is full of them);
    what could end the element or a line is escaped as by :func:`js_value`.

    >>> script_data(["Ja&#x27;Din", "</script>"])
    '["Ja&#x27;Din","\\\\u003c/script\\\\u003e"]'
    """
    return json.dumps(value, separators=(",", ":")).translate(_SCRIPT_DATA)


#: What :func:`script_data` writes as JSON escapes.
_SCRIPT_DATA = {key: value for key, value in _SCRIPT_SAFE.items() if key != ord("&")}


def add_script(page: Figure, name: str) -> None:
    """Put the script ``static/<name>`` in the head of ``page``, once however often it is asked for."""
    text = asset(name).replace("</script", "<\\/script")
    page.header.add_child(Markup(f"<script>{text}</script>"), name=f"tracker_{name}")


def add_style(page: Figure, name: str = "map.css") -> None:
    """Put the style sheet ``static/<name>`` in the head of ``page``, once."""
    text = asset(name).replace("</style", "<\\/style")
    page.header.add_child(Markup(f"<style>{text}</style>"), name=f"tracker_{name}")


def call(function: str, *args: Any) -> str:
    """A statement that calls ``tracker.<function>(args)`` once the page is loaded (the maps it names
    are made later in the page)."""
    values = ", ".join(js_value(arg) for arg in args)
    return f"document.addEventListener('DOMContentLoaded', function () {{ tracker.{function}({values}); }});\n"
