"""Every ``fbss_quiz_*`` configuration value, declared and validated in one place.

A bad value is a warning at the line of ``conf.py`` that sets it, and the
default is used instead, so the rest of the build goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config

from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.exporters import EXPORT_FORMATS
from fbss_quiz.item_review import RATIONALE_MIN_WORDS, RULES, enabled_rules, short_name


def _formats_problem(value: Any) -> str | None:
    unknown = [f for f in value if f not in EXPORT_FORMATS]
    if unknown or not all(isinstance(f, str) for f in value):
        return f"must list formats among {', '.join(map(repr, EXPORT_FORMATS))}, not {unknown!r}"
    return None


def _topics_problem(value: Any) -> str | None:
    for key, label in value.items():
        if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", key):
            return (
                f"topic id {key!r} must be a word of letters, digits, '-' or '_' "
                "(it is written in ':topic:' lists, separated by spaces)"
            )
        if not isinstance(label, str) or not label.strip():
            return f"topic {key!r} needs a non-empty label, e.g. {{{key!r}: 'Causes'}}"
    return None


def _item_review_problem(value: Any) -> str | None:
    _, unknown = enabled_rules(value)
    if not unknown:
        return None
    names = ", ".join(map(repr, (short_name(rule) for rule in RULES)))
    return (
        f"names no item-review rule in {', '.join(unknown)}: use True, False or rules among {names}"
    )


def _positive_problem(value: Any) -> str | None:
    # bool is an int to Python, not to an author.
    if isinstance(value, bool) or value < 1:
        return f"must be a whole number of words of 1 or more, not {value!r}"
    return None


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    types: tuple[type, ...]
    help: str
    #: Re-read the whole project when it changes ("env") or only rewrite ("html").
    rebuild: Literal["env", "html"] = "env"
    choices: tuple[str, ...] = ()
    #: What is wrong with a value of the right type, if anything.
    check: Callable[[Any], str | None] | None = None

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, self.types):
            wanted = " or ".join(t.__name__ for t in self.types)
            return f"must be a {wanted}, not {type(value).__name__}"
        if self.choices and value not in self.choices:
            return f"must be one of {', '.join(map(repr, self.choices))}, not {value!r}"
        return self.check(value) if self.check is not None else None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "fbss_quiz_export_formats",
        list(EXPORT_FORMATS),
        (list, tuple),
        "files the quizbank builder writes: json, gift, qti, anki",
        "html",
        check=_formats_problem,
    ),
    Setting(
        "fbss_quiz_topics",
        {},
        (dict,),
        "topic id -> label, in the order to show them",
        check=_topics_problem,
    ),
    Setting(
        "fbss_quiz_shuffle",
        True,
        (bool,),
        "shuffle the options of single-choice and select-all questions in the browser",
    ),
    Setting("fbss_quiz_require_rationale", False, (bool,), "warn when an option has no rationale"),
    Setting(
        "fbss_quiz_storage", True, (bool,), "keep answers in the reader's localStorage", "html"
    ),
    Setting(
        "fbss_quiz_answer_key",
        "chapter",
        (str,),
        "where static outputs put answers: end of each document, or at {answer-key}",
        choices=("chapter", "book"),
    ),
    Setting(
        "fbss_quiz_scoring",
        "ncsbn",
        (str,),
        "ncsbn (0/1 and +/- per part) or all-or-nothing (1 point per fully right item)",
        choices=("ncsbn", "all-or-nothing"),
    ),
    # Warned about after reading, in every build: only the page output depends on them
    # (the blueprint's counts), so a change rewrites pages without reading them again.
    Setting(
        "fbss_quiz_item_review",
        False,
        (bool, list, tuple, str),
        "item-review warnings: True (all), False (none) or rule names",
        "html",
        check=_item_review_problem,
    ),
    Setting(
        "fbss_quiz_rationale_min_words",
        RATIONALE_MIN_WORDS,
        (int,),
        "the fewest words a rationale may have before item-thin-rationale warns",
        "html",
        check=_positive_problem,
    ),
)


def conf_location(confdir: str | Path | None, name: str) -> str:
    """``path/conf.py:LINE`` of the assignment, so the warning points at it (``confdir``:
    the application's ``confdir``)."""
    conf = Path(confdir or ".") / "conf.py"
    if not conf.is_file():
        return "conf.py"
    found = str(conf)
    for number, line in enumerate(conf.read_text(encoding="utf-8").splitlines(), start=1):
        # The last assignment is the one in force.
        if re.match(rf"{re.escape(name)}\s*[:=]", line):
            found = f"{conf}:{number}"
    return found


def validate_config(app: Sphinx, config: Config) -> None:
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        problem = setting.problem(value)
        if problem is None:
            continue
        warn(
            Subtype.CONFIG,
            f"{setting.name} {problem}; using the default {setting.default!r} instead",
            conf_location(app.confdir, setting.name),
        )
        setattr(config, setting.name, setting.default)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        # Sphinx's own type check would only print a generic warning without a
        # line; ours runs in config-inited with a located, fixable message.
        app.add_config_value(setting.name, setting.default, setting.rebuild, types=frozenset({Any}))
    app.connect("config-inited", validate_config)
