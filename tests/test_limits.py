"""Inputs that would make the tool work without bound: each is refused with a message, or read in
work that grows in step with its size."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tracker.article import article_text
from tracker.cli import main
from tracker.draft import MAX_ARTICLE_CHARS, draft_events


def steps(work: Callable[[], Any]) -> int:
    """How many Python lines and calls ``work`` runs: a measure of work that does not depend on the
    machine's speed."""
    count = 0

    def tracer(_frame: Any, _event: str, _arg: Any) -> Any:
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_nested_html_is_read_in_work_linear_in_its_depth() -> None:
    def nested(depth: int) -> str:
        return "<div>" * depth + "Syrian troops advanced near Tadmur." + "</div>" * depth

    article_text(nested(10))  # the parser is imported on first use
    small, large = steps(lambda: article_text(nested(500))), steps(lambda: article_text(nested(2000)))
    assert large < 6 * small, (small, large)
    assert article_text(nested(2000))[0] == "Syrian troops advanced near Tadmur."


def test_html_end_tags_that_close_nothing_cost_no_more_than_the_others() -> None:
    def unmatched(depth: int) -> str:
        return "<div>" * depth + "Syrian troops advanced near Tadmur." + "</span>" * depth

    article_text(unmatched(10))  # the parser is imported on first use
    small, large = steps(lambda: article_text(unmatched(500))), steps(lambda: article_text(unmatched(2000)))
    assert large < 6 * small, (small, large)


def test_drafting_a_repetitive_article_is_linear_in_its_length() -> None:
    sentence = "Syrian troops advanced 15 km east of Tadmur on Friday. ISIS lost 1,400 square kilometers. "
    draft_events(sentence)  # the names and patterns are read once, on first use
    small = steps(lambda: draft_events(sentence * 100))
    large = steps(lambda: draft_events(sentence * 400))
    assert large < 6 * small, (small, large)


def test_an_article_over_the_limit_is_refused_with_how_to_split_it(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("Syrian troops advanced. " * (MAX_ARTICLE_CHARS // 24 + 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(article)])
    assert result.exit_code == 1
    assert result.output == (
        f"tracker: {article} is larger than the {MAX_ARTICLE_CHARS:,} characters an article may have; split it "
        "at paragraph breaks into files under that size and draft each one\n"
    )
