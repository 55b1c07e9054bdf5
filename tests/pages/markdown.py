"""What a reader sees of the Markdown a page writes: backslash escapes and the one-character spans of
``ui.display.literal`` taken out, so that tests say what the user reads."""

from __future__ import annotations

import re

_OWN_SPAN = re.compile(r":color\[\\(.)\]")
_ESCAPE = re.compile(r"\\(.)")


def plain(markdown: str) -> str:
    """``markdown`` as it reads: ``literal("a: b")`` reads "a: b", ``"**x\\-y**"`` reads "**x-y**"."""
    return _ESCAPE.sub(r"\1", _OWN_SPAN.sub(r"\1", markdown))
