"""The actors a map names: each event under the force of its first actor, a dozen forces at most.

An imported dataset names hundreds of actors: a unit of a force (``Military Forces of Syria (2000-)
4th Armoured Division``), a coalition written as one name (``Military Forces of Syria (2000-) and
Hezbollah``, ``A; B``), and a long tail of actors with a few events each. A map groups them so:

- **a unit goes under its force**: the name starts with another name the data uses, followed by a
  space and a word that is not in parentheses (the shortest such name is the force); or, as ACLED
  writes its units, the name is a force's name ending in a word in parentheses (``... (2000-)``,
  ``... (Syria)``) followed by the unit's words;
- **a coalition counts for each member**: a name that splits at ``;``, `` and ``, `` & `` or ``, ``
  into parts of which at least one is a name the data uses (or the unit of one) stands for each part
  (each under its force). A name none of whose parts is known otherwise (``Liberation and
  Construction Front``) is kept whole: a name is split only on evidence that it joins actors;
- **the twelve forces with the most events are named**, the rest are one group, :data:`OTHER`;
  ranked by events, then by name (case-folded), so the order is the same in every run.

An event counts once in each distinct group its first actor stands for: a coalition of two named
forces counts once for each, a coalition of two forces in :data:`OTHER` once for it. So the groups'
counts add up to the events, each counted once per group it is in (:meth:`Actors.memberships`).

Each group has a colour of :data:`~tracker.maps.style.PALETTE` and a line pattern (solid, dashed,
dotted): six colours, so a dozen groups need the second channel to tell each apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .style import actor_colours

#: How many forces a map names; the others are one group.
TOP = 12
#: The name of the group of the forces past the first :data:`TOP`.
OTHER = "other actors"
#: The line patterns of the groups, by rank: the first six solid, the next six dashed, the rest dotted
#: (Leaflet's ``dashArray``; ``None`` is solid).
PATTERNS: tuple[str | None, ...] = (None, "6 4", "1 4")
#: How each pattern is named in the legend's keys and drawn in its swatches (CSS border styles).
PATTERN_NAMES = {None: "solid", "6 4": "dashed", "1 4": "dotted"}

_SEPARATORS = re.compile(r"\s*;\s*|\s+and\s+|\s+&\s+|\s*,\s+")
_UNIT = re.compile(r"^(\S.*? \([^()]*\))\s+\w")


def force_of(name: str, known: frozenset[str]) -> str:
    """The force ``name`` is a unit of (``name`` itself when it is none): the shortest name of
    ``known`` it starts with, followed by a space and a word (not a parenthesis, which qualifies a
    name: another country, another period); else its words up to a word in parentheses followed by
    more words, as ACLED names units.

    >>> known = frozenset({"Military Forces of Syria (2000-)", "Islamic State"})
    >>> force_of("Military Forces of Syria (2000-) 4th Armoured Division", known)
    'Military Forces of Syria (2000-)'
    >>> force_of("Police Forces of Syria (2000-) Prison Guards", known)
    'Police Forces of Syria (2000-)'
    >>> force_of("Islamic State", known), force_of("Islamic State (Syria)", known)
    ('Islamic State', 'Islamic State (Syria)')
    """
    words = name.split(" ")
    for end in range(1, len(words)):
        prefix = " ".join(words[:end])
        if prefix in known and not words[end].startswith("("):
            return prefix
    unit = _UNIT.match(name)
    return unit[1] if unit else name


def members(name: str, known: frozenset[str]) -> tuple[str, ...]:
    """The forces ``name`` stands for (each once, in the order written): the members of a coalition,
    each under its force; the force of a unit; or the name itself (see the module's description).

    >>> known = frozenset({"Military Forces of Syria (2000-)", "Hezbollah"})
    >>> members("Military Forces of Syria (2000-) 4th Armoured Division and Hezbollah", known)
    ('Military Forces of Syria (2000-)', 'Hezbollah')
    >>> members("Hezbollah; Iranian militias", known), members("Liberation and Construction Front", known)
    (('Hezbollah', 'Iranian militias'), ('Liberation and Construction Front',))
    """
    parts = [part for part in _SEPARATORS.split(name.strip()) if part]
    forces = [force_of(part, known) for part in parts]
    if len(parts) < 2 or not any(part in known or force in known for part, force in zip(parts, forces, strict=True)):
        return (force_of(name.strip(), known),)
    return tuple(dict.fromkeys(forces))


@dataclass(frozen=True)
class Actors:
    """The groups of a map's actors: ``names`` (ranked, :data:`OTHER` last when there is one),
    ``counts`` (the events of each, see the module's description), and each actor name as written
    to the indices of its groups (``of``)."""

    names: tuple[str, ...]
    counts: tuple[int, ...]
    of: Mapping[str, tuple[int, ...]]

    @classmethod
    def group(cls, firsts: Mapping[str, int], known: Iterable[str] = (), top: int = TOP) -> Actors:
        """The groups of events whose first actors are ``firsts`` (name as written -> its events),
        recognising units and coalitions by the names of ``known`` (every actor name of the data) and
        of ``firsts``; ``top`` forces named.

        >>> actors = Actors.group({"A": 5, "A 1st Brigade": 2, "A and B": 1, "C": 1}, top=1)
        >>> actors.names, actors.counts, actors.of["A and B"]
        (('A', 'other actors'), (8, 2), (0, 1))
        """
        names = frozenset(firsts) | frozenset(known)
        forces = {name: members(name, names) for name in firsts}
        events: dict[str, int] = {}
        for name, count in firsts.items():
            for force in forces[name]:
                events[force] = events.get(force, 0) + count
        ranked = sorted(events, key=lambda force: (-events[force], force.casefold(), force))
        named = ranked if len(ranked) <= top else ranked[:top]
        index = {force: position for position, force in enumerate(named)}
        rest = len(named)
        of = {name: tuple(dict.fromkeys(index.get(force, rest) for force in found)) for name, found in forces.items()}
        counts = [0] * (len(named) + (len(ranked) > len(named)))
        for name, count in firsts.items():
            for group in of[name]:
                counts[group] += count
        return cls((*named, *((OTHER,) if len(ranked) > len(named) else ())), tuple(counts), of)

    def first(self, name: str) -> int:
        """The group an event whose first actor is ``name`` is drawn in, when it is drawn once."""
        return self.of[name][0]

    def memberships(self, firsts: Mapping[str, int]) -> int:
        """The events of ``firsts`` counted once per group each is in: what the groups' counts add up to."""
        return sum(count * len(self.of[name]) for name, count in firsts.items())

    def styles(self) -> list[tuple[str, str | None]]:
        """Each group's colour and line pattern: by rank, six solid, six dashed, the rest dotted, the
        colours of each six as :func:`~tracker.maps.style.actor_colours` picks them (so that a map of six
        actors or fewer colours them as before), each (colour, pattern) different.

        >>> styles = Actors(tuple("ABCDEFGHIJKLM"), (1,) * 13, {}).styles()
        >>> len(set(styles)), [pattern for _, pattern in styles][5:8], styles[12][1]
        (13, [None, '6 4', '6 4'], '1 4')
        """
        found: list[tuple[str, str | None]] = []
        for band in range(0, len(self.names), 6):
            names = self.names[band:band + 6]
            colours = actor_colours(names)
            pattern = PATTERNS[min(band // 6, len(PATTERNS) - 1)]
            found += [(colours[name], pattern) for name in names]
        return found


def legend_key(colour: str, pattern: str | None) -> str:
    """The key of a group's symbol in the legend and on what is drawn in it.

    >>> legend_key("#332288", None), legend_key("#332288", "6 4")
    ('actor:#332288', 'actor:#332288:dashed')
    """
    return f"actor:{colour}" if pattern is None else f"actor:{colour}:{PATTERN_NAMES[pattern]}"
