"""Compile the message catalogs (.po -> .mo) shipped in the package.

Run after editing a .po file: ``python tools/compile_catalogs.py``. A test checks
that every committed .mo matches its .po.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "fbss_quiz" / "locale"


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main() -> None:
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po_path.with_suffix(".mo").write_bytes(compiled(po_path))
        print(f"compiled {po_path.relative_to(LOCALE)}")


if __name__ == "__main__":
    main()
