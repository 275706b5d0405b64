"""Record text on a map stays text: no Jinja, JavaScript or HTML in a record ever runs or breaks the page.

folium builds pages from Jinja templates and puts popups and tooltips in JavaScript template literals, so
record text meets three languages on its way to the browser. Each payload below goes into every field a
map shows, and the page must show it verbatim, run none of it, and load without an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tracker.cli import main

#: Text meant to run or to break the page, one language each. ``{canary}`` is replaced by a path the
#: Jinja payload would create if it ran as template source.
PAYLOADS = (
    "{{{{ lipsum.__globals__.os.makedirs('{canary}', exist_ok=true) }}}}",
    "{{% if %}} unclosed block",
    "Casualties {{{{ unverified }}}} near Homs",
    "{{# an unclosed comment",
    "{{% raw %}}raw{{% endraw %}} and {{{{ '{{{{' }}}}",
    "C:\\users\\x and a trailing backslash \\",
    "`${{window.pwned = 1}}` in a template literal",
    "</script><script>window.pwned = 2</script>",
    "<img src=x onerror=\"window.pwned = 3\">",
    "'); window.pwned = 4; ('\"",
)


def _record(index: int, text: str) -> dict:
    """A record with ``text`` in every field a map shows."""
    lon, lat = 36.0 + index * 0.5, 33.0 + (index % 3) * 0.6
    return {
        "id": f"payload-{index}",
        "date": "2017-06-08",
        "title": text,
        "type": "Battles",
        "actors": [text, {"name": f"{text} (second)", "side": text}],
        "location": {"lat": lat + 0.05, "lon": lon + 0.05},
        "area": {"polygon": [[lon, lat], [lon + 0.2, lat], [lon + 0.2, lat + 0.15], [lon, lat + 0.15]]},
        "claims": [
            {"area": "100 km2", "quote": text},
            {"reaches": text},
            {"count": 4000, "of": text},
        ],
        "sources": [{"publisher": text, "title": text, "url": f"https://example.org/{text}"}],
        "notes": text,
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Path]:
    """A folder of records carrying the payloads, the payloads as written, and the canary path."""
    root = tmp_path_factory.mktemp("hostile")
    canary = root / "PWNED"
    texts = [payload.format(canary=canary) for payload in PAYLOADS]
    folder = root / "events"
    folder.mkdir()
    for index, text in enumerate(texts):
        (folder / f"payload-{index}.yaml").write_text(
            yaml.safe_dump(_record(index, text), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder, texts, canary


@pytest.mark.parametrize("extra", [[], ["--compare", "2017-01-01", "2017-12-31"]], ids=["map", "compare"])
def test_record_text_is_never_template_source(hostile: tuple[Path, list[str], Path], extra: list[str]) -> None:
    folder, texts, canary = hostile
    output = folder.parent / f"map{len(extra)}.html"
    result = CliRunner().invoke(main, ["map", str(folder), "--offline", "-o", str(output), *extra])
    assert result.exit_code == 0, result.output
    assert not canary.exists()
    page = output.read_text(encoding="utf-8")
    for text in texts:  # none of it reaches the page as it was written: every one holds a special character
        assert text not in page
    assert "lipsum" in page and "unverified" in page  # the text is there, as inert entities


def test_the_browser_shows_every_payload_verbatim_and_runs_none(hostile: tuple[Path, list[str], Path],
                                                                browser) -> None:
    folder, texts, canary = hostile
    output = folder.parent / "browser.html"
    result = CliRunner().invoke(main, ["map", str(folder), "--offline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    tab = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    dialogs: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(output.as_uri())
    tab.wait_for_selector(".leaflet-interactive")
    # every popup and tooltip of every event, opened one after the other, as a reader clicking through
    shown = tab.evaluate("""() => {
        const seen = [];
        const layers = [];
        Object.values(window).filter(v => v instanceof L.Layer).forEach(v => {
            if (v.eachLayer) { v.eachLayer(l => layers.push(l)); } else { layers.push(v); }
        });
        for (const layer of layers) {
            for (const part of [layer.getPopup && layer.getPopup(), layer.getTooltip && layer.getTooltip()]) {
                if (!part) { continue; }
                let content = part.getContent();
                if (typeof content === 'function') { content = content(layer); }
                if (content instanceof HTMLElement) { seen.push(content.textContent); }
                else if (typeof content === 'string') {
                    const box = document.createElement('div'); box.innerHTML = content; seen.push(box.textContent);
                }
            }
        }
        return seen;
    }""")
    legend = tab.inner_text(".tracker-legend")
    control = tab.inner_text(".leaflet-control-layers-overlays")
    panel = tab.inner_text("#tracker-claims")
    popups = "\n".join(shown)
    for text in texts:
        assert "Sources:" in popups
        assert text in popups, text  # title, actors, sources, claims in the popups; title in tooltips
        assert text in legend and text in control, text
        assert text in panel, text
    assert tab.evaluate("() => window.pwned") is None
    assert tab.locator("img").count() == 0
    assert dialogs == [] and errors == [] and not canary.exists()
    tab.close()


def test_imported_rows_are_text_too(tmp_path: Path) -> None:
    import pandas as pd

    from ..common import write_acled_like

    canary = tmp_path / "PWNED"
    texts = [payload.format(canary=canary) for payload in PAYLOADS]
    source = write_acled_like(tmp_path / "acled.csv", 20)
    rows = pd.read_csv(source, dtype=str, keep_default_na=False)
    for index, text in enumerate(texts):
        rows.loc[index, ["actor1", "location", "source", "notes"]] = text
    rows.to_csv(source, index=False)
    runner = CliRunner()
    imported = runner.invoke(main, ["import", "acled", str(source), "-o", str(tmp_path / "acled.parquet")])
    assert imported.exit_code == 0, imported.output
    output = tmp_path / "acled.html"
    result = runner.invoke(main, ["map", str(tmp_path / "acled.parquet"), "--offline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert not canary.exists()
    page = output.read_text(encoding="utf-8")
    assert not any(text in page for text in texts)
