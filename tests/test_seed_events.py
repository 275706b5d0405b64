"""The records of events/ say what the seed articles report, with sources and graded reliability."""

from __future__ import annotations

import re

import pytest

from tracker import load_events
from tracker.records.model import AreaClaim, CountClaim, DistanceClaim, ReachesClaim, TotalAreaClaim

from .common import EVENTS, SEED_ARTICLE_URLS, SEEDS

events = load_events(EVENTS)


def _claims(kind: type) -> list:
    return [claim for event in events for claim in event.claims if isinstance(claim, kind)]


def test_every_file_holds_one_record_named_after_its_id() -> None:
    files = sorted(EVENTS.glob("*.yaml"))
    assert sorted(f"{event.id}.yaml" for event in events) == [f.name for f in files]


def test_the_al_tanf_deconfliction_zone_is_55_km_around_the_garrison() -> None:
    zone = events.get("al-tanf-deconfliction-zone")
    assert zone is not None and zone.area is not None and zone.area.circle is not None
    center = zone.area.circle.center
    assert (center.lat, center.lon) == (33.5058, 38.6178)  # type: ignore[union-attr]
    assert zone.area.circle.radius.to("km") == 55


def test_the_seed_claims_are_recorded() -> None:
    assert 1400 in [claim.area.to("km2") for claim in _claims(AreaClaim)]
    assert {5000, 20000, 3922} <= {claim.total_area.to("km2") for claim in _claims(TotalAreaClaim)}
    within = [c for c in _claims(DistanceClaim) if c.relation == "within"]
    assert [round(c.distance.to("mi")) for c in within] == [15]
    assert {c.count for c in _claims(CountClaim)} >= {4000, 300}
    assert "Iraq" in {c.reaches for c in _claims(ReachesClaim)}
    assert any(c.inside == "al-tanf-deconfliction-zone" for e in events for c in e.claims if c.kind == "inside")


@pytest.mark.parametrize("event", list(events), ids=lambda e: e.id)
def test_each_record_is_sourced_graded_and_explained(event) -> None:
    assert event.sources, "every record cites its source"
    for source in event.sources:
        assert source.reliability and source.credibility, "Admiralty grading on every source"
    assert event.notes and re.search(r"\b[A-F][1-6]\b", event.notes), "the notes give the grading's reason"
    assert all(claim.quote for claim in event.claims), "every claim quotes the article"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are kept beside the repository")
def test_every_quote_is_the_articles_own_words() -> None:
    """Records drawn from the four seed articles quote them word for word; the records of other
    published claims (the army command's, the Russian command's, the Observatory's) quote their own
    sources, which are not kept here."""
    articles = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in SEEDS.glob("*.txt"))
    for event in events:
        if not any(source.url in SEED_ARTICLE_URLS for source in event.sources):
            continue
        for claim in event.claims:
            for piece in re.split(r"\s*\.\.\.\s*", claim.quote):
                assert " ".join(piece.split()) in articles, (event.id, piece)
