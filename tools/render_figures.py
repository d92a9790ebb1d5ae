"""Render each SVG figure of the manual to a PNG beside it, for LaTeX/PDF.

The web site and the ePub use the SVG; LaTeX cannot, and Sphinx picks the PNG
there when a figure is written as ``figures/name.*``. Run after editing a figure:
``python tools/render_figures.py`` (needs Debian's chromium and playwright).
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import sync_playwright

FIGURES = Path(__file__).resolve().parents[1] / "docs" / "figures"


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for svg in sorted(FIGURES.glob("*.svg")):
            text = svg.read_text(encoding="utf-8")
            box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', text)
            assert box, f"{svg} needs a viewBox"
            width, height = (round(float(v)) for v in box.groups())
            page = browser.new_page(
                viewport={"width": width, "height": height}, device_scale_factor=2
            )
            page.goto(svg.as_uri())
            page.screenshot(path=str(svg.with_suffix(".png")), omit_background=False)
            page.close()
            print(f"rendered {svg.with_suffix('.png').name}")
        browser.close()


if __name__ == "__main__":
    main()
