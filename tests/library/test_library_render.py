"""Markdown → Telegram HTML: each construct, the validator, and pagination."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.render import (
    paginate,
    plain_text,
    render,
    render_blocks,
    validate_telegram_html,
)
from bot.content.telegram_html import telegram_length


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("plain *em* **strong** ~~gone~~", "plain <i>em</i> <b>strong</b> <s>gone</s>"),
        ("# Heading *x*", "<b>Heading <i>x</i></b>"),
        ("## **Bold** heading", "<b>Bold heading</b>"),
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("`x <y>`", "<code>x &lt;y&gt;</code>"),
        ("line one\nline two", "line one\nline two"),
        ("hard  \nbreak", "hard\nbreak"),
        ("![a map](https://e.org/m.png)", "a map"),
        ('[site](https://e.org/?a=1&b="2")', '<a href="https://e.org/?a=1&amp;b=%222%22">site</a>'),
        ("<https://e.org/x>", '<a href="https://e.org/x">https://e.org/x</a>'),
        ("[relative](docs/x.md)", "relative"),
        ("<b>raw html</b>", "&lt;b&gt;raw html&lt;/b&gt;"),
        ("&amp; &copy;", "&amp; ©"),
        ("```python\nif a < b:\n    pass\n```", "<pre>if a &lt; b:\n    pass</pre>"),
        ("    indented code", "<pre>indented code</pre>"),
        ("> quoted\n>\n> > nested", "<blockquote>quoted\n\nnested</blockquote>"),
        ("---", "———"),
    ],
)
def test_constructs(markdown: str, expected: str) -> None:
    assert render(markdown) == expected
    assert validate_telegram_html(expected) == []


def test_lists_use_markers_and_indent_nested_items() -> None:
    markdown = "- one\n- two\n  - inner\n    1. deep\n\n3. three\n4. four"
    assert render_blocks(markdown) == [
        "• one\n• two\n   • inner\n      1. deep",
        "3. three\n4. four",
    ]


def test_paragraphs_are_separate_blocks() -> None:
    assert render_blocks("First.\n\n\n# Title\n\nSecond.") == ["First.", "<b>Title</b>", "Second."]
    assert render("First.\n\nSecond.") == "First.\n\nSecond."


def test_multi_paragraph_list_item_stays_in_one_block() -> None:
    blocks = render_blocks("1. first para\n\n   second para\n2. next")
    assert blocks == ["1. first para\n   second para\n2. next"]


@pytest.mark.parametrize(
    ("html", "fragment"),
    [
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<b>x</i>", "Unmatched end tag"),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("<b>x", "Can't find end tag"),
        ("x</b>", "Unexpected end tag"),
        ('<a href="ftp://e.org">x</a>', "href"),
        ('<a href="javascript:alert(1)">x</a>', "href"),
        ("a < b", 'Unsupported start tag ""'),
        ("&nbsp;", "Unsupported HTML entity"),
        ("<br/>", 'Unsupported start tag "br"'),
        ("<pre><b>x</b></pre>", "inside <pre>"),
        ("<code><i>x</i></code>", "inside <code>"),
        ("<blockquote><blockquote>x</blockquote></blockquote>", "inside <blockquote>"),
        ("<!-- note -->", "Unsupported start tag"),
    ],
)
def test_validator_rejects(html: str, fragment: str) -> None:
    errors = validate_telegram_html(html)
    assert any(fragment in e for e in errors), errors


@pytest.mark.parametrize(
    "html",
    [
        "",
        "plain",
        "&lt;&gt;&amp;&quot;&#39;&#x1F600;",
        '<b>b <i>i <u>u <s>s <a href="https://e.org/?a=1&amp;b=2">a</a></s></u></i></b>',
        '<a href="tg://resolve?domain=x">tg</a>',
        '<pre><code class="language-python">x</code></pre>',
        "<blockquote>q\n<b>x</b></blockquote>",
        # Telegram itself takes these; the emulator and the check now agree with it.
        "a & b > c",
        "&amp without semicolon",
        '<b class="x">y</b>',
    ],
)
def test_validator_accepts(html: str) -> None:
    assert validate_telegram_html(html) == []


def test_plain_text_strips_tags_and_unescapes() -> None:
    assert plain_text('<b>a &lt;b&gt;</b> <a href="https://e.org">c &amp; d</a>') == "a <b> c & d"


def test_paginate_keeps_blocks_whole_when_they_fit() -> None:
    blocks = ["a" * 40, "b" * 40, "c" * 40]
    assert paginate(blocks, limit=90) == ["a" * 40 + "\n\n" + "b" * 40, "c" * 40]
    assert paginate([], limit=90) == []


def test_paginate_splits_long_block_at_line_breaks_and_reopens_tags() -> None:
    block = "<b>" + "\n".join(f"line {n:02d}" for n in range(20)) + "</b>"
    pages = paginate([block], limit=60)
    assert len(pages) > 1
    for page in pages:
        assert len(page) <= 60
        assert page.startswith("<b>") and page.endswith("</b>")
        assert validate_telegram_html(page) == []
        assert not page.startswith("<b>\n")  # the break character is not carried over
    rejoined = "\n".join(plain_text(p) for p in pages)
    assert rejoined == plain_text(block)


def test_paginate_splits_at_spaces_then_anywhere() -> None:
    words = " ".join(["word"] * 50)
    pages = paginate([f'<a href="https://e.org">{words}</a>'], limit=80)
    assert all(len(p) <= 80 and validate_telegram_html(p) == [] for p in pages)
    assert all(plain_text(p).strip().endswith("word") for p in pages)
    long_url = "x" * 300
    pages = paginate([f"<i>{long_url}</i>"], limit=50)
    assert "".join(plain_text(p) for p in pages) == long_url
    assert all(len(p) <= 50 for p in pages)


def test_paginate_never_cuts_an_entity() -> None:
    pages = paginate(["&amp;" * 100], limit=33)
    assert all(validate_telegram_html(p) == [] for p in pages)
    assert "".join(plain_text(p) for p in pages) == "&" * 100


def test_paginate_counts_utf16_units() -> None:
    pages = paginate(["😀" * 100], limit=50)
    assert all(telegram_length(p) <= 50 for p in pages)
    assert "".join(pages) == "😀" * 100


def test_paginate_drops_markup_when_a_single_tag_cannot_fit() -> None:
    block = f'<a href="https://e.org/{"p" * 100}">click here</a>'
    pages = paginate([block], limit=40)
    assert pages == ["click here"]


def test_paginate_rejects_tiny_limit() -> None:
    with pytest.raises(ValueError, match="limit"):
        paginate(["x"], limit=5)


# Markdown-ish text that exercises every construct, plus arbitrary unicode.
_MARKDOWN_PIECES = st.sampled_from(
    [
        "*", "**", "_", "~~", "`", "```", "#", "> ", "- ", "1. ", "\n", "\n\n", "  \n",
        "[", "](", ")", "<", ">", "&", "&amp;", "&#", ";", "!", "https://e.org/a?b=1&c=2",
        "<https://e.org>", "tg://x", " ", "    ", "word", "слово", "😀", '"', "'",
    ]
)  # fmt: skip
_MARKDOWN = st.lists(st.one_of(_MARKDOWN_PIECES, st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKDOWN)
def test_render_always_validates(markdown: str) -> None:
    html = render(markdown)
    assert validate_telegram_html(html) == []
    for block in render_blocks(markdown):
        assert validate_telegram_html(block) == []


@settings(max_examples=300, deadline=None)
@given(_MARKDOWN, st.integers(min_value=32, max_value=400))
def test_pages_validate_and_fit(markdown: str, limit: int) -> None:
    blocks = render_blocks(markdown)
    pages = paginate(blocks, limit=limit)
    for page in pages:
        assert plain_text(page).strip(), "empty page"
        assert telegram_length(page) <= limit
        assert validate_telegram_html(page) == []
    if any(plain_text(b).strip() for b in blocks):
        assert pages


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_renders_valid_pages(text: str) -> None:
    html = render(text)
    assert validate_telegram_html(html) == []
    for page in paginate(render_blocks(text), limit=64):
        assert len(page) <= 64
        assert validate_telegram_html(page) == []


@pytest.mark.parametrize(
    "html",
    ["a & b", "<b>x</i>", "&nbsp;", '<span class="tg-spoiler">s</span>', "a<br>b", "x > y"],
)
def test_check_and_emulator_agree_on_what_telegram_refuses(html: str) -> None:
    """One parser: the check's verdict is the emulator's verdict."""
    from devtools.fakeapi.html import HtmlParseError, parse_html

    try:
        parse_html(html)
        emulator_ok = True
    except HtmlParseError:
        emulator_ok = False
    assert (validate_telegram_html(html) == []) is emulator_ok


def test_paginate_does_not_leave_a_heading_alone_on_a_page() -> None:
    block = "<b>Heading</b>\n" + "word " * 40
    pages = paginate([block.strip()], limit=120)
    assert plain_text(pages[0]).startswith("Heading\nword")
    assert all(len(p) <= 120 for p in pages)
