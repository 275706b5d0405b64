"""ACLED's event types and sub-event types, and the older labels that map onto them.

The vocabulary is ACLED's (Armed Conflict Location & Event Data), as published in its codebook
since 2019: six event types and 25 sub-event types. Labels from earlier codebooks, still found in
old exports and in reporting, are accepted and mapped to the current ones.

>>> canonical_type("battles")
('Battles', None)
>>> canonical_type("Battle-Government regains territory")
('Battles', 'Government regains territory')
>>> canonical_sub_type("Excessive force against protestors")
'Excessive force against protesters'
>>> canonical_type("Skirmish") is None
True
"""

from __future__ import annotations

#: Each event type with its sub-event types, in ACLED's order.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

#: Sub-event type -> its event type.
SUB_TYPE_PARENT: dict[str, str] = {
    sub: parent for parent, subs in EVENT_TYPES.items() for sub in subs
}

#: Event-type labels of ACLED's earlier codebooks -> (event type, implied sub-event type or None).
LEGACY_TYPES: dict[str, tuple[str, str | None]] = {
    "Battle-No change of territory": ("Battles", "Armed clash"),
    "Battle-Government regains territory": ("Battles", "Government regains territory"),
    "Battle-Non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "Remote violence": ("Explosions/Remote violence", None),
    "Riots/Protests": ("Protests", None),
    "Strategic development": ("Strategic developments", None),
    "Headquarters or base established": (
        "Strategic developments",
        "Headquarters or base established",
    ),
    "Non-violent transfer of territory": (
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
}

#: Sub-event labels spelled differently in earlier codebooks -> the current label.
LEGACY_SUB_TYPES: dict[str, str] = {
    "Excessive force against protestors": "Excessive force against protesters",
}


def _key(label: str) -> str:
    return " ".join(label.replace("_", " ").split()).casefold()


_TYPES: dict[str, tuple[str, str | None]] = {_key(t): (t, None) for t in EVENT_TYPES}
_TYPES.update({_key(old): new for old, new in LEGACY_TYPES.items()})
_SUB_TYPES = {_key(s): s for s in SUB_TYPE_PARENT}
_SUB_TYPES.update({_key(old): new for old, new in LEGACY_SUB_TYPES.items()})


def canonical_type(label: str) -> tuple[str, str | None] | None:
    """The current event type for ``label`` (any case, current or legacy) and the sub-event type a
    legacy label implies; ``None`` when the label is not ACLED's."""
    return _TYPES.get(_key(label))


def canonical_sub_type(label: str) -> str | None:
    """The current sub-event type for ``label`` (any case, current or legacy), or ``None``."""
    return _SUB_TYPES.get(_key(label))
