"""The readable text of an article given as HTML: one pass over its tags with the standard library's
parser, no tree built, so the work is in step with the length of the markup however deep its elements
nest."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["article_text"]


#: Elements whose text is not the article's (scripts, menus, page furniture).
_SKIPPED = frozenset(["script", "style", "noscript", "template", "nav", "footer", "aside", "form", "head"])
#: Elements that stand as paragraphs of their own.
_BLOCKS = frozenset(["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
                     "blockquote"])
#: Elements that have no end tag (so never hold text).
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"])


class _TextParser(HTMLParser):
    """The readable text of HTML in one pass over its tags, with no tree built: the work is in step
    with the length of the markup however deep its elements nest or however many end tags close
    nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skipping = 0  # how many skipped elements are open
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIPPED:
            self.skipping += 1
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        if tag in _BLOCKS and tag not in _VOID:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA[") and not self.skipping and not self.in_title:
            self.parts.append(data[len("CDATA["):])


def article_text(raw: str) -> tuple[str, str | None]:
    """The readable text of an article given as plain text or HTML, and its title when the HTML has one.

    >>> article_text("<html><head><title>Palmyra</title><script>alert(1)</script></head>"
    ...              "<body><p>Syrian forces entered <b>Tadmur</b>.</p><p>ISIS withdrew.</p></body></html>")
    ('Syrian forces entered Tadmur.\\n\\nISIS withdrew.', 'Palmyra')
    >>> article_text("Plain text stays as it is.\\r\\n")
    ('Plain text stays as it is.', None)
    >>> article_text("<div>" * 100_000 + "Deep" + "</span>" * 100_000)
    ('Deep', None)
    """
    title = None
    if re.search(r"<(?:!doctype|/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?)>", raw, re.I):  # any tag: markup
        parser = _TextParser()
        parser.feed(raw)
        parser.close()
        title = " ".join("".join(parser.title).split()) or None
        raw = "".join(parser.parts)
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, title
