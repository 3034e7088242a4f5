"""Reading articles: formats, the source map back to the original, and refusals of bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from factcheck.article import parse_article, read_article
from factcheck.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"
LIMIT = 2_000_000


def assert_offsets_valid(article) -> None:
    """Every plain char maps into the original: verbatim, or from an entity/whitespace/separator."""
    assert len(article.offsets) == len(article.plain)
    for i, ch in enumerate(article.plain):
        o = article.offsets[i]
        assert 0 <= o < len(article.original)
        src = article.original[o]
        if ch == src:
            continue
        assert ch.isspace() or src == "&", (i, ch, src, article.original[max(0, o - 20):o + 20])


def assert_one_line(exc: pytest.ExceptionInfo, *words: str) -> None:
    message = str(exc.value)
    assert "\n" not in message and message
    for w in words:
        assert w in message, message


def test_text_is_its_own_plain():
    a = parse_article("Tea cuts risk.\n\nCoffee too.", "text", "x.txt")
    assert a.plain == a.original and a.offsets == list(range(len(a.original)))


def test_markdown_strips_syntax_and_keeps_offsets():
    a = read_article(FIXTURES / "lupus_story.md", LIMIT)
    assert a.format == "markdown"
    assert_offsets_valid(a)
    for gone in ("#", "**", "](", "https://", "layout:", "<!--", "> "):
        assert gone not in a.plain
    assert a.plain.startswith("World first: young woman cured of lupus by cancer therapy\n\n")
    assert "the first lupus patient in the world to be treated" in a.plain
    assert "the University Hospital Erlangen in Germany" in a.plain
    assert "\n\nThe cells destroyed the B cells" in a.plain  # list item is its own block


def test_markdown_inline_cases():
    src = "Use `code` and ![img](a.png) a [link](http://x.org/a_(b)) &amp; snake_case, 2 * 3 and \\*star\\*."
    a = parse_article(src, "markdown", "x.md")
    assert_offsets_valid(a)
    assert a.plain == "Use and a link & snake_case, 2 * 3 and *star*."


def test_html_visible_text_only():
    a = read_article(FIXTURES / "story.html", LIMIT)
    assert a.format == "html"
    assert_offsets_valid(a)
    assert a.plain.startswith("Daily walks cut heart attacks by half\n\n")
    for hidden in ("Buy now", "Home", "margin", "enable JavaScript", "Related", "rights reserved", "Walking & the heart"):
        assert hidden not in a.plain
    assert "blood pressure & cholesterol" in a.plain
    amp = a.plain.index("&")
    assert a.original.startswith("&amp;", a.offsets[amp])


def test_bom_is_stripped_and_offsets_index_decoded_text(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfAspirin cuts risk.")
    a = read_article(p, LIMIT)
    assert a.original == "Aspirin cuts risk." and a.plain[a.offsets[0]] == "A"


def test_stdin_dash_reads_bytes_and_sniffs_html():
    a = read_article("-", LIMIT, stdin=io.BytesIO(b"<html><body><p>Tea &amp; toast.</p></body></html>"))
    assert a.format == "html" and a.plain == "Tea & toast." and a.source == "<stdin>"
    t = read_article("-", LIMIT, stdin=io.BytesIO("Plain words here.".encode()))
    assert t.format == "text"


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("empty.txt", b"", ["empty"]),
        ("blank.txt", b"  \n\t \n", ["empty"]),
        ("nul.txt", b"abc\x00def", ["binary"]),
        ("noise.txt", bytes(range(1, 32)) * 10, ["binary"]),
        ("latin1.txt", "Caf\u00e9 au lait.".encode("latin-1"), ["UTF-8", "byte offset 3"]),
        ("markup.md", b"```\ncode only\n```\n", ["no prose"]),
        ("markup.html", b"<html><head><title>x</title></head><body><script>1</script></body></html>", ["no prose"]),
    ],
)
def test_bad_input_is_refused_with_one_line(tmp_path, name, content, words):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_article(p, LIMIT)
    assert_one_line(exc, name, *words)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError) as exc:
        read_article(tmp_path / "nope.md", LIMIT)
    assert_one_line(exc, "nope.md", "no such file")
    with pytest.raises(InputError) as exc:
        read_article(tmp_path, LIMIT)
    assert_one_line(exc, "directory")


def test_too_big_is_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    p.write_bytes(b"Tea cuts risk. " * 350_000)  # ~5 MB
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("read a file over the limit"))
    with pytest.raises(InputError) as exc:
        read_article(p, LIMIT)
    assert_one_line(exc, "big.txt", "2,000,000")


def test_too_big_on_stdin():
    with pytest.raises(InputError) as exc:
        read_article("-", 100, stdin=io.BytesIO(b"x" * 101))
    assert_one_line(exc, "<stdin>", "100")
