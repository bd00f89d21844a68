"""Telegram HTML parsing: what passes, what Telegram refuses, and UTF-16 offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devtools.fakeapi.html import HtmlParseError, parse_html, utf16_len


def test_plain_text_and_supported_entities() -> None:
    parsed = parse_html("<b>Коротко:</b> a &lt;b&gt; &amp; &quot;q&quot; &#128512; &#x41;")
    assert parsed.text == 'Коротко: a <b> & "q" 😀 A'
    assert parsed.entities == [{"type": "bold", "offset": 0, "length": 8}]


def test_offsets_are_utf16() -> None:
    parsed = parse_html("😀 <i>x</i>")
    assert parsed.entities == [{"type": "italic", "offset": 3, "length": 1}]


def test_link_spoiler_blockquote_pre() -> None:
    parsed = parse_html(
        '<a href="https://example.org">l</a><span class="tg-spoiler">s</span>'
        "<tg-spoiler>t</tg-spoiler><blockquote expandable>q</blockquote>"
        '<pre><code class="language-python">c</code></pre>'
    )
    types = [e["type"] for e in parsed.entities]
    assert types == ["text_link", "spoiler", "spoiler", "expandable_blockquote", "pre"]
    assert parsed.entities[0]["url"] == "https://example.org"
    assert parsed.entities[-1]["language"] == "python"


def test_bare_ampersand_is_text() -> None:
    assert parse_html("A & B").text == "A & B"


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("a<br>b", 'Unsupported start tag "br"'),
        ("<b>x", "Can't find end tag"),
        ("<b>x</i>", "Unmatched end tag"),
        ("x</b>", "Unexpected end tag"),
        ("a < b", 'Unsupported start tag ""'),
        ('<span class="x">s</span>', "tg-spoiler"),
        ("&nbsp;", "Unsupported HTML entity"),
        ("<b", "Unclosed start tag"),
        ("<p>x</p>", 'Unsupported start tag "p"'),
    ],
)
def test_refused_like_telegram(source: str, fragment: str) -> None:
    with pytest.raises(HtmlParseError, match=fragment):
        parse_html(source)


@given(st.text(alphabet=st.characters(blacklist_characters="<&")))
def test_text_without_markup_is_unchanged(text: str) -> None:
    parsed = parse_html(text)
    assert parsed.text == text
    assert parsed.entities == []


@given(st.text(alphabet=st.characters(blacklist_characters="<&")), st.sampled_from("bius"))
def test_entity_spans_the_wrapped_text(text: str, tag: str) -> None:
    parsed = parse_html(f"x<{tag}>{text}</{tag}>")
    if text:
        assert parsed.entities[0]["offset"] == 1
        assert parsed.entities[0]["length"] == utf16_len(text)
