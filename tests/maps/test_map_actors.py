"""The actors a map names: units under their force, a coalition counted for each member, a dozen
forces and the rest as other, in the same order every run; and a colour and line pattern for each."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from tracker.maps.actors import OTHER, TOP, Actors, force_of, members
from tracker.maps.style import PALETTE

SYRIA = "Military Forces of Syria (2000-)"
KNOWN = frozenset({SYRIA, "Hezbollah", "Islamic State (Syria)", "Military Forces of Russia (2000-)"})


def test_a_unit_goes_under_its_force() -> None:
    assert force_of(f"{SYRIA} 4th Armoured Division", KNOWN) == SYRIA
    assert force_of(f"{SYRIA} Republican Guard 104th Brigade", KNOWN) == SYRIA  # the shortest name known
    assert force_of("Military Forces of Iran (1979-) Quds Force", KNOWN) == "Military Forces of Iran (1979-)"
    # a name in parentheses after a known name is another actor (another country, another period)
    assert force_of("Military Forces of Syria (1970-2000)", frozenset({"Military Forces of Syria"})) == \
        "Military Forces of Syria (1970-2000)"
    assert force_of("Hezbollah", KNOWN) == "Hezbollah"


def test_a_coalition_stands_for_each_member() -> None:
    assert members(f"{SYRIA} and Hezbollah", KNOWN) == (SYRIA, "Hezbollah")
    assert members(f"{SYRIA} 4th Armoured Division; Hezbollah", KNOWN) == (SYRIA, "Hezbollah")
    assert members("Government of Syria, Government of Russia (Soviet Union)",
                   frozenset({"Government of Syria"})) == ("Government of Syria", "Government of Russia (Soviet Union)")
    assert members(f"{SYRIA} and {SYRIA} 5th Corps", KNOWN) == (SYRIA,)  # each member once
    # no part of it named elsewhere: one name, not a coalition
    assert members("Liberation and Construction Front", KNOWN) == ("Liberation and Construction Front",)


def test_a_coalition_event_counts_for_each_member_and_units_for_their_force() -> None:
    firsts = {SYRIA: 10, f"{SYRIA} 4th Armoured Division": 5, f"{SYRIA} and Hezbollah": 3, "Hezbollah": 2}
    actors = Actors.group(firsts)
    assert actors.names == (SYRIA, "Hezbollah") and actors.counts == (18, 5)
    assert actors.of[f"{SYRIA} and Hezbollah"] == (0, 1)


def test_past_a_dozen_forces_the_rest_are_other() -> None:
    firsts = {f"Force {n:02d}": 100 - n for n in range(20)}
    actors = Actors.group(firsts)
    assert actors.names == (*(f"Force {n:02d}" for n in range(TOP)), OTHER)
    assert actors.counts[-1] == sum(100 - n for n in range(TOP, 20))
    assert Actors.group({f"Force {n:02d}": 1 for n in range(TOP)}).names[-1] != OTHER  # a dozen: all named


def test_ties_are_ranked_by_name_whatever_the_order_given() -> None:
    names = [f"Force {letter}" for letter in "QWERTYUIOPASDFGHJKLZ"]
    orders = [random.Random(seed).sample(names, len(names)) for seed in range(5)]
    groupings = {Actors.group(dict.fromkeys(order, 7)).names for order in orders}
    assert len(groupings) == 1
    assert next(iter(groupings))[:3] == ("Force A", "Force D", "Force E")


FORCES = st.sampled_from([SYRIA, "Hezbollah", "Islamic State (Syria)", "Military Forces of Russia (2000-)",
                          "Syrian Democratic Forces", "Liwa al-Quds", *(f"Brigade {n}" for n in range(12))])


@st.composite
def first_actors(draw: st.DrawFn) -> dict[str, int]:
    """First actors as written (forces, their units, coalitions of two or three), each with its events."""
    written: dict[str, int] = {}
    for _ in range(draw(st.integers(1, 30))):
        parts = draw(st.lists(FORCES, min_size=1, max_size=3))
        parts = [part + draw(st.sampled_from(["", " 4th Division", " Air Force"])) for part in parts]
        name = draw(st.sampled_from(["; ", " and ", ", "])).join(parts)
        written[name] = written.get(name, 0) + draw(st.integers(1, 50))
    return written


@given(first_actors(), st.integers(1, 14))
def test_the_groups_count_each_event_once_per_group_it_is_in(firsts: dict[str, int], top: int) -> None:
    actors = Actors.group(firsts, top=top)
    assert sum(actors.counts) == actors.memberships(firsts)
    assert sum(firsts.values()) <= sum(actors.counts) <= sum(count * len(actors.of[n]) for n, count in firsts.items())
    assert len(actors.names) <= top + 1 and all(count > 0 for count in actors.counts)
    named = actors.counts[:-1] if actors.names[-1] == OTHER else actors.counts
    assert list(named) == sorted(named, reverse=True)  # ranked by events
    assert all(0 < len(groups) == len(set(groups)) for groups in actors.of.values())


@given(first_actors())
def test_the_grouping_is_the_same_in_any_order(firsts: dict[str, int]) -> None:
    shuffled = dict(random.Random(len(firsts)).sample(list(firsts.items()), len(firsts)))
    assert Actors.group(firsts) == Actors.group(shuffled)


@given(first_actors())
def test_each_group_has_its_own_colour_and_pattern(firsts: dict[str, int]) -> None:
    styles = Actors.group(firsts).styles()
    assert len(set(styles)) == len(styles) and {colour for colour, _ in styles} <= set(PALETTE)


def test_a_map_of_six_actors_or_fewer_draws_solid_lines() -> None:
    styles = Actors.group(Counter(["A", "B", "B", "C"])).styles()
    assert [pattern for _, pattern in styles] == [None, None, None]
