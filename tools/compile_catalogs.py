"""Compile the message catalogs (.po -> .mo) shipped in the package.

Run after editing a .po file: ``python tools/compile_catalogs.py``. A test checks
that every committed .mo matches its .po. A catalog whose plural messages do not have
as many forms as its ``Plural-Forms`` header says (or whose placeholders differ from the
English) is refused, with the message named.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "fbss_quiz" / "locale"


class CatalogError(ValueError):
    pass


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    problems = [
        f"{po_path}: {message.id!r}: {error}"
        for message, errors in catalog.check()
        for error in errors
    ]
    for message in catalog:
        if message.id and message.pluralizable:
            forms = [form for form in message.string if form]
            if len(forms) != catalog.num_plurals:
                problems.append(
                    f"{po_path}: {message.id[0]!r} has {len(forms)} translated forms; "
                    f"'Plural-Forms' asks for nplurals={catalog.num_plurals}"
                )
    if problems:
        raise CatalogError("\n".join(problems))
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main() -> int:
    try:
        for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
            po_path.with_suffix(".mo").write_bytes(compiled(po_path))
            print(f"compiled {po_path.relative_to(LOCALE)}")
    except CatalogError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
