"""Every registered page in both languages, with and without workshop mode; the URL settings."""

from __future__ import annotations

import ast

import pytest
from streamlit.testing.v1 import AppTest

from decision.text.i18n import translate
from tests.conftest import REPO_ROOT


def registered_pages() -> list[str]:
    """The page files app.py registers with st.Page, in the order of the walk."""
    tree = ast.parse((REPO_ROOT / "app.py").read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "Page"
        and isinstance(node.args[0], ast.Constant)
    ]


PAGES = registered_pages()


def test_every_page_file_is_registered():
    assert sorted(PAGES) == sorted(f"app_pages/{p.name}" for p in (REPO_ROOT / "app_pages").glob("*.py"))


# Every page in both languages, at the desk and in a workshop with hidden amounts, with every preset
# and with both optional ways out on: tests/pages/test_every_preset.py (one session walks all pages).


@pytest.mark.parametrize(("query", "lang"), [("nl", "nl"), ("en", "en"), ("NL", "nl"), ("xx", "en")])
def test_the_url_chooses_the_language(query: str, lang: str):
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = query
    at.run()
    assert at.session_state["lang"] == lang
    assert at.query_params["lang"] == lang
    assert translate("nav.open_case", lang) in [caption.value for caption in at.sidebar.caption]


def test_the_workshop_follows_the_url_and_keeps_through_the_walk():
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "nl"
    at.query_params["workshop"] = "1"
    at.query_params["amounts"] = "rounded"
    at.run()
    at.switch_page("app_pages/comparison.py").run()
    message = at.markdown[0].value
    assert message.startswith("Oplossen heeft de laagste verwachte kosten") and "M€ 2,3" in message
    at.button(key="workshop_next").click().run()
    assert not at.exception
    assert at.markdown[0].value == translate("workshop.message.why", "nl")
    assert (at.session_state["lang"], at.session_state["workshop"], at.session_state["amounts"]) == (
        "nl",
        True,
        "rounded",
    )
    assert {k: at.query_params[k] for k in ("lang", "workshop", "amounts")} == {
        "lang": "nl",
        "workshop": "1",
        "amounts": "rounded",
    }
    at.toggle(key="workshop").set_value(False).run()
    assert "workshop" not in at.query_params and "amounts" not in at.query_params
    assert not [b for b in at.button if b.key == "workshop_next"]


def test_the_browser_language_is_the_default(monkeypatch: pytest.MonkeyPatch):
    """Without ?lang= the language follows st.context.locale (the browser's)."""
    from ui import settings

    for locale, lang in (("nl-NL", "nl"), ("nl-BE", "nl"), ("en-GB", "en"), ("de-DE", "en"), (None, "en")):
        monkeypatch.setattr(settings.st, "context", type("Context", (), {"locale": locale})())
        assert settings.browser_language() == lang
