"""An HTML page as a light tree, read the way BeautifulSoup reads it, at a fraction of the cost.

The page used to be loaded with ``BeautifulSoup(html, "lxml")``. That feeds the markup to
lxml's HTML parser and builds a rich Python object for every tag and string, which cost more
than reading the page's metadata and visible text together. Here the same lxml parser, fed the
same way, reports the same events to a small builder that keeps only what we read: tag names,
attributes and strings. lxml's own tree is not used because it differs: it drops what follows
a stray ``</html>``, which BeautifulSoup keeps.

BeautifulSoup's rules for strings are kept exactly:

* only character data is text: comments, doctypes and processing instructions are not;
* strings inside ``<script>``, ``<style>``, ``<template>``, ``<rt>`` and ``<rp>`` are of their
  own kind (the innermost such element decides): they count only when the text of that kind
  of element itself is asked for;
* a string of nothing but ASCII whitespace becomes a single newline (if it holds one) or a
  single space, except inside ``<pre>`` and ``<textarea>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

#: Elements whose strings are their own kind (BeautifulSoup's string containers).
STRING_CONTAINERS = frozenset({"rt", "rp", "style", "script", "template"})
#: Elements inside which whitespace-only strings are kept as they are.
PRESERVE_WHITESPACE = frozenset({"pre", "textarea"})
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
#: The kind of ordinary page text, and of strings that are never text (comments and the like).
PLAIN = ""
NOT_TEXT = "#not-text"


@dataclass(frozen=True, slots=True)
class TextNode:
    kind: str
    text: str


@dataclass(eq=False, slots=True)
class Element:
    tag: str
    attrib: dict[str, str]
    children: list[Element | TextNode] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return self.attrib.get(name)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and every element below it named ``tag`` (any, if None), in order."""
        stack: list[Iterator[Element | TextNode]] = [iter([self])]
        while stack:
            node = next(stack[-1], None)
            if node is None:
                stack.pop()
            elif isinstance(node, Element):
                if tag is None or node.tag == tag:
                    yield node
                stack.append(iter(node.children))


class _Builder:
    """lxml parser target mirroring how BeautifulSoup builds its tree from the same events."""

    def __init__(self) -> None:
        self.root = Element("[document]", {})
        self.open: list[Element] = [self.root]
        self.pending: list[str] = []

    def _flush(self, kind: str | None = None) -> None:
        if not self.pending:
            return
        string = "".join(self.pending)
        self.pending = []
        names = [element.tag for element in self.open]
        if not any(name in PRESERVE_WHITESPACE for name in names) and not string.strip(
            _ASCII_SPACES
        ):
            string = "\n" if "\n" in string else " "
        if kind is None:
            kind = next((name for name in reversed(names) if name in STRING_CONTAINERS), PLAIN)
        self.open[-1].children.append(TextNode(kind, string))

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._flush()
        element = Element(tag, dict(attrib))
        self.open[-1].children.append(element)
        self.open.append(element)

    def end(self, tag: str) -> None:
        self._flush()
        # Close up to the most recent open element of that name, if there is one.
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def data(self, data: str) -> None:
        self.pending.append(data)

    def comment(self, text: str) -> None:
        self._flush()
        self.pending.append(text)
        self._flush(NOT_TEXT)

    def pi(self, target: str, data: str | None = None) -> None:
        self._flush()
        self.pending.append(f"{target} {data}" if data is not None else target)
        self._flush(NOT_TEXT)

    def doctype(self, *_: object) -> None:
        self._flush()
        self.open[-1].children.append(TextNode(NOT_TEXT, ""))

    def close(self) -> Element:
        self._flush()
        return self.root


def parse_html_tree(html: str) -> Element:
    """The page as a tree under a document root (named ``[document]``)."""
    if html.startswith("\N{BYTE ORDER MARK}"):
        html = html[1:]
    builder = _Builder()
    # One feed() and close(), as BeautifulSoup does: lxml's incremental parser.
    parser = etree.HTMLParser(target=builder, recover=True, huge_tree=False)
    parser.feed(html)
    root: Element = parser.close()
    return root


def first(root: Element, tag: str) -> Element | None:
    """The first element named ``tag`` in document order (``soup.find(tag)``)."""
    return next(root.iter(tag), None)


def strings(element: Element, *, skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """The strings that ``element.get_text()`` joins, in order; subtrees of elements named in
    ``skip`` are left out."""
    wanted = element.tag if element.tag in STRING_CONTAINERS else PLAIN
    for piece in _walk(element, skip, frozenset()):
        if piece is not None and piece.kind == wanted:
            yield piece.text


def text_lines(element: Element, *, skip: frozenset[str], blocks: frozenset[str]) -> str:
    """``element``'s text with a newline before and after every element named in ``blocks``
    (below ``element`` itself), leaving out subtrees of elements named in ``skip``."""
    wanted = element.tag if element.tag in STRING_CONTAINERS else PLAIN
    pieces = []
    for piece in _walk(element, skip, blocks):
        if piece is None:
            pieces.append("\n")
        elif piece.kind == wanted:
            pieces.append(piece.text)
    return "".join(pieces)


def has_text(element: Element) -> bool:
    """True when ``element.get_text(strip=True)`` would not be empty."""
    return any(string.strip() for string in strings(element))


def single_string(element: Element) -> str | None:
    """``element.string``: its only child if that is a string (of any kind), or the single
    string of its only child element; else ``None``."""
    if len(element.children) != 1:
        return None
    child = element.children[0]
    return child.text if isinstance(child, TextNode) else single_string(child)


def _walk(
    element: Element, skip: frozenset[str], blocks: frozenset[str]
) -> Iterator[TextNode | None]:
    """Every string below ``element`` in document order, and ``None`` where an element named
    in ``blocks`` starts or ends. Iterative: saved pages can nest deeply."""
    stack: list[tuple[Iterator[Element | TextNode], Element]] = [(iter(element.children), element)]
    while stack:
        children, parent = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack and parent.tag in blocks:
                yield None
        elif isinstance(child, TextNode):
            yield child
        elif child.tag not in skip:
            if child.tag in blocks:
                yield None
            stack.append((iter(child.children), child))
