"""User text shown safely in Markdown (pages, agreement drafts): as text, never as markup."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """User text made literal inside st.markdown (also neutralises HTML tags and $ math)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
