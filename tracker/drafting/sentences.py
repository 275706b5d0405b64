"""An article's sentences: where each begins and ends in its text."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "u.s", "u.k", "u.n", "u.s.a", "a.m", "p.m", "col", "gen", "lt", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr",
        "st", "no", "vs", "e.g", "i.e", "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec",
    ]
)
_LONGEST_ABBREVIATION = max(len(word) for word in _ABBREVIATIONS)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[•*-]?[A-Z0-9\u0600-\u06FF])|\n[ \t]*\n+(?=\s*\S)")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, and where it starts in the article's text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``: split after . ! ? before a capital (not after U.S., Gen. and the
    like), and at blank lines before a capital.

    >>> [s.text for s in split_sentences("U.S. forces struck. Col. Gen. Surovikin spoke.\\n\\nA new one")]
    ['U.S. forces struck.', 'Col. Gen. Surovikin spoke.', 'A new one']
    >>> [s.text for s in split_sentences("dealt with by U.S.\\n\\nair strikes in the zone.")]
    ['dealt with by U.S.\\n\\nair strikes in the zone.']
    """
    sentences: list[Sentence] = []
    start = 0
    for found in _SENTENCE_END.finditer(text):
        cut = found.end()
        if found.group().startswith("."):
            # the word before the full stop, read from a short window: an abbreviation is short, and a
            # sentence held together by many of them is not read again from its start at each one
            window = max(start, found.start() - _LONGEST_ABBREVIATION - 1)
            word = re.search(r"([\w.]+)\.$", text[window: found.start() + 1])
            if word and (word.start() > 0 or window == start) and word.group(1).lower() in _ABBREVIATIONS:
                continue
        if found.group().startswith("\n") and not re.match(r"\s*[\"'“‘(\[•*-]?[A-Z0-9\u0600-\u06FF]", text[cut:]):
            continue
        _add(sentences, text, start, cut)
        start = cut
    _add(sentences, text, start, len(text))
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        sentences.append(Sentence(stripped, start + piece.index(stripped)))
