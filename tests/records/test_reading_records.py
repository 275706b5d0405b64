"""Reading records: line numbers after a leading comment, and units the news writes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tracker import parse_quantity, read_events

from ..common import MINIMAL


def test_a_comment_before_the_first_marker_keeps_lines_right(tmp_path: Path) -> None:
    text = "# two records\n\n---\n" + yaml.safe_dump({**MINIMAL, "id": "a"}) + "---\n" + yaml.safe_dump({**MINIMAL, "id": "a"})
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    _, problems = read_events(tmp_path)
    assert problems[0].message.startswith(f"'a' is already used by {tmp_path}/r.yaml:3;")


def test_nm_is_a_nautical_mile() -> None:
    assert parse_quantity("12 nm").to("km") == pytest.approx(22.224)
