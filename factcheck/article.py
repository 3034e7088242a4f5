"""Input formats → `Article`: the original text plus the prose in it, with a source map.

Claims are found in `Article.plain` (markup stripped) but reported against the file the
journalist wrote, so every character of `plain` carries the index in `original` it came
from (`Article.offsets`). Block boundaries (paragraphs, headings, list items) become
"\\n\\n" in `plain`, so the claim extractor can split on blank lines whatever the format.
"""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import InputError
from factcheck.schema import Article

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
BLOCK_SEPARATOR = "\n\n"

_HTML_SNIFF = re.compile(
    r"\s*(<!doctype\s+html|<html|<head|<body|<article|<p[\s>]|<div|<h[1-6][\s>]|<!--|<meta|<title)",
    re.IGNORECASE,
)
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05  # more control bytes than this in the first 8 kB: not text

# A text being built: (character, index in the original) pairs.
Chars = list[tuple[str, int]]


# ----------------------------------------------------------------------------- reading


def read_article(path: str | Path, max_bytes: int, stdin: BinaryIO | None = None) -> Article:
    """Read a file (or stdin for "-"), refuse what is not a usable article, and parse it."""
    if str(path) == "-":
        data = _read_stdin(stdin, max_bytes)
        source = "<stdin>"
        text = decode_text(data, source)
        fmt = sniff_format(text)
    else:
        p = Path(path)
        data = _read_file(p, max_bytes)
        source = str(p)
        text = decode_text(data, source)
        fmt = format_from_suffix(p)
    if not text.strip():
        raise InputError(f"{source} is empty: give an article with some text to check")
    return parse_article(text, fmt, source)


def _read_file(path: Path, max_bytes: int) -> bytes:
    """Bytes of a file, checking existence, kind and size before reading it all."""
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path and try again")
    if path.is_dir():
        raise InputError(f"{path} is a directory; give the path of one article file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(_too_big(str(path), size, max_bytes))
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{path} cannot be read (permission denied); check its permissions")
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror or exc}); check the file")
    if len(data) > max_bytes:  # grew, or a special file with no size
        raise InputError(_too_big(str(path), len(data), max_bytes, at_least=True))
    return data


def _read_stdin(stdin, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes of stdin (binary or text stream), so a flood is refused."""
    stream = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read(max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        raise InputError(_too_big("<stdin>", len(data), max_bytes, at_least=True))
    return data


def _too_big(source: str, size: int, max_bytes: int, at_least: bool = False) -> str:
    """The one-line refusal for an oversized input, naming the limit and how to change it."""
    amount = f"more than {max_bytes:,}" if at_least else f"{size:,}"
    return (
        f"{source} is {amount} bytes, over the limit of {max_bytes:,} bytes; "
        "check one article at a time (or raise max_input_bytes)"
    )


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text with any BOM stripped; binary or non-UTF-8 input is refused with the offset."""
    if looks_binary(data):
        raise InputError(f"{source} looks like a binary file, not text; give a .txt, .md or .html article")
    bom = b"\xef\xbb\xbf"
    skip = len(bom) if data.startswith(bom) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        raise InputError(
            f"{source} is not valid UTF-8 (bad byte 0x{data[offset]:02x} at byte offset {offset}); "
            "re-save it as UTF-8"
        ) from None


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, mean an image, PDF or archive rather than an article."""
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > _MAX_CONTROL_SHARE


def format_from_suffix(path: Path) -> str:
    """markdown / html / text from the file name's extension."""
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def sniff_format(text: str) -> str:
    """html when the text opens like a web page, else text (stdin has no file name)."""
    return "html" if _HTML_SNIFF.match(text[:2000]) else "text"


# ----------------------------------------------------------------------------- parsing


def parse_article(text: str, format: str, source: str = "<text>") -> Article:
    """Build the Article for `text` in `format` ("text", "markdown" or "html")."""
    if format == "text":
        plain, offsets = text, list(range(len(text)))
    elif format == "markdown":
        plain, offsets = join_blocks(markdown_blocks(text), len(text))
    elif format == "html":
        plain, offsets = join_blocks(html_blocks(text), len(text))
    else:
        raise ValueError(f"unknown article format {format!r}")
    if not plain.strip():
        what = "only whitespace" if not text.strip() else f"no prose outside the {format} markup"
        raise InputError(f"{source} has {what}; give an article with text to check")
    return Article(original=text, plain=plain, offsets=offsets, source=source, format=format)


def join_blocks(blocks: list[Chars], original_len: int) -> tuple[str, list[int]]:
    """Join blocks with "\\n\\n"; separator characters map just past the previous block."""
    chars: Chars = []
    for block in blocks:
        block = strip_chars(block)
        if not block:
            continue
        if chars:
            sep_index = min(chars[-1][1] + 1, max(original_len - 1, 0))
            chars.extend((c, sep_index) for c in BLOCK_SEPARATOR)
        chars.extend(block)
    return "".join(c for c, _ in chars), [i for _, i in chars]


def strip_chars(chars: Chars) -> Chars:
    """Drop leading and trailing whitespace from a block."""
    start, end = 0, len(chars)
    while start < end and chars[start][0].isspace():
        start += 1
    while end > start and chars[end - 1][0].isspace():
        end -= 1
    return chars[start:end]


def collapse_whitespace(chars: Chars) -> Chars:
    """Runs of whitespace become one space (mapped to the run's first character), as a browser shows them."""
    out: Chars = []
    for c, i in chars:
        if c.isspace():
            if out and out[-1][0] == " ":
                continue
            out.append((" ", i))
        else:
            out.append((c, i))
    return out


# ----------------------------------------------------------------------------- markdown

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?\r?\n\1[ \t]*(\r?\n|\Z)", re.DOTALL)


def markdown_blocks(text: str) -> list[Chars]:
    """The prose blocks of a Markdown document (headings, paragraphs, list items, quotes).

    markdown-it finds the block structure (which lines are code, HTML, headings...); the
    inline markup of each block is stripped here so that every kept character keeps its index.
    """
    from markdown_it import MarkdownIt

    source = blank_front_matter(text)
    lines = source.split("\n")
    line_starts = _line_starts(lines)
    blocks: list[Chars] = []
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(source):
        if token.map is None:
            continue
        if token.type == "inline":
            located = locate_inline(token.content, token.map[0], lines, line_starts)
            blocks.append(collapse_whitespace(strip_inline_markdown(located)))
        elif token.type == "html_block":
            base = line_starts[token.map[0]]
            end = line_starts[token.map[1]] if token.map[1] < len(lines) else len(source)
            for block in html_blocks(source[base:end]):
                blocks.append([(c, i + base) for c, i in block])
    return blocks


def blank_front_matter(text: str) -> str:
    """YAML/TOML front matter replaced by spaces (same length, so indices do not move)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text
    return re.sub(r"[^\n]", " ", m.group(0)) + text[m.end():]


def _line_starts(lines: list[str]) -> list[int]:
    """Index in the text at which each line starts."""
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts


def locate_inline(content: str, first_line: int, lines: list[str], line_starts: list[int]) -> Chars:
    """Pair each character of a block's inline content with its index in the source.

    markdown-it gives one content line per source line, with the block prefixes (`>`, `- `,
    `#`, indentation) removed; each content line is found again in its source line.
    Lines are joined by a space that maps to the source newline (a soft line break).
    """
    out: Chars = []
    for k, content_line in enumerate(content.split("\n")):
        n = first_line + k
        if n >= len(lines):
            break
        src = lines[n]
        stripped = content_line.strip()
        if not stripped:
            continue
        col = src.find(stripped)
        if col < 0:  # tabs expanded or similar: fall back to the line's text after its prefix
            col = len(src) - len(src.lstrip(" \t>#*+-0123456789.)"))
            stripped = src[col:].rstrip()
        if out:
            out.append((" ", line_starts[n] - 1))
        base = line_starts[n] + col
        out.extend((c, base + j) for j, c in enumerate(stripped))
    return out


_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INLINE_HTML = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?|[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def strip_inline_markdown(chars: Chars) -> Chars:
    """Remove inline Markdown (emphasis, code, links, images, HTML) and keep the text."""
    text = "".join(c for c, _ in chars)
    out: Chars = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            out.append(chars[i + 1])
            i += 2
        elif ch == "`":
            i = _skip_code_span(text, i, out, chars)
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            i = len(text) if end < 0 else end + 3
        elif ch == "<" and (m := _INLINE_HTML.match(text, i)):
            i = m.end()
        elif ch == "&" and (m := _ENTITY.match(text, i)):
            out.extend((c, chars[i][1]) for c in html.unescape(m.group(0)))
            i = m.end()
        elif ch == "!" and text.startswith("![", i) and (link := _match_link(text, i + 1)):
            i = link[2]  # images are dropped, alt text and all
        elif ch == "[" and (link := _match_link(text, i)):
            out.extend(strip_inline_markdown(chars[link[0]:link[1]]))
            i = link[2]
        elif ch in "*_~" and _is_emphasis_run(text, i):
            i = _run_end(text, i)
        else:
            out.append(chars[i])
            i += 1
    return out


def _skip_code_span(text: str, i: int, out: Chars, chars: Chars) -> int:
    """Drop an inline code span; a backtick run with no closing run is literal."""
    run = _run_end(text, i) - i
    close = text.find("`" * run, i + run)
    while close >= 0 and _run_end(text, close) - close != run:
        close = text.find("`" * run, _run_end(text, close))
    if close < 0:
        out.extend(chars[i:i + run])
        return i + run
    return close + run


def _match_link(text: str, i: int) -> tuple[int, int, int] | None:
    """For `[label](url)` or `[label][ref]` at i: (label start, label end, end); else None."""
    depth, j = 0, i
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == "[":
            depth += 1
        elif text[j] == "]":
            depth -= 1
            if depth == 0:
                break
        j += 1
    else:
        return None
    close_label = j
    nxt = close_label + 1
    if nxt < len(text) and text[nxt] == "(":
        end = _matching_paren(text, nxt)
        return (i + 1, close_label, end + 1) if end is not None else None
    if nxt < len(text) and text[nxt] == "[":
        end = text.find("]", nxt)
        return (i + 1, close_label, end + 1) if end >= 0 else None
    return None


def _matching_paren(text: str, i: int) -> int | None:
    """Index of the ")" closing the "(" at i, allowing nested parentheses in URLs."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return None


def _run_end(text: str, i: int) -> int:
    """End of the run of identical characters starting at i."""
    j = i
    while j < len(text) and text[j] == text[i]:
        j += 1
    return j


def _is_emphasis_run(text: str, i: int) -> bool:
    """A `*`, `_` or `~~` run that opens or closes emphasis (touches a word on one side).

    A lone `*` between spaces ("2 * 3") and `_` inside a word (snake_case) stay text.
    """
    end = _run_end(text, i)
    if text[i] == "~" and end - i < 2:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isspace() and after.isspace():
        return False
    if text[i] == "_" and before.isalnum() and after.isalnum():
        return False
    return True


# ----------------------------------------------------------------------------- html

SKIPPED_TAGS = {
    "script", "style", "noscript", "head", "nav", "footer", "aside", "form",
    "template", "svg", "iframe", "button", "select", "textarea", "object", "canvas",
}
BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "section", "article", "header", "main", "figure", "figcaption", "table",
    "tr", "td", "th", "thead", "tbody", "pre", "hr", "br", "address", "details", "summary",
    "body", "html", "caption",
}


class _ProseParser(HTMLParser):
    """Collects the visible text of a page as blocks of (char, original index) pairs."""

    def __init__(self, line_starts: list[int]):
        super().__init__(convert_charrefs=False)
        self.line_starts = line_starts
        self.blocks: list[Chars] = []
        self.current: Chars = []
        self.skip: list[str] = []

    def _index(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _break(self) -> None:
        if self.current:
            self.blocks.append(self.current)
            self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "body" and "head" in self.skip:  # an unclosed <head> ends at <body>
            self.skip = [t for t in self.skip if t != "head"]
        if tag not in VOID_TAGS and (self.skip or tag in SKIPPED_TAGS or _hidden(attrs)):
            self.skip.append(tag)  # inside a skipped element every tag is tracked, for nesting
        if tag in BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag):
        if tag in self.skip:
            while self.skip and self.skip.pop() != tag:
                pass
        if tag in BLOCK_TAGS:
            self._break()

    def handle_data(self, data):
        if not self.skip:
            base = self._index()
            self.current.extend((c, base + k) for k, c in enumerate(data))

    def _entity(self, raw: str) -> None:
        if not self.skip:
            base = self._index()
            decoded = html.unescape(raw).replace("\xa0", " ")
            self.current.extend((c, base) for c in decoded)

    def handle_entityref(self, name):
        self._entity(f"&{name};")

    def handle_charref(self, name):
        self._entity(f"&#{name};")

    def close(self):
        super().close()
        self._break()


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """Elements the reader never sees: `hidden`, aria-hidden, display:none."""
    for name, value in attrs:
        value = (value or "").replace(" ", "").lower()
        if name == "hidden" or (name == "aria-hidden" and value == "true"):
            return True
        if name == "style" and "display:none" in value:
            return True
    return False


def html_blocks(text: str) -> list[Chars]:
    """The visible prose of an HTML page, one list of (char, index) pairs per block element."""
    parser = _ProseParser(_line_starts(text.split("\n")))
    parser.feed(text)
    parser.close()
    return [collapse_whitespace(block) for block in parser.blocks]
