"""Accessible self-check quizzes for Sphinx books."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    from fbss_quiz.extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        # 2: question nodes carry their record (doctrees of version 1 are read anew).
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
