"""The light HTML tree reads text exactly as BeautifulSoup did (it replaced it for speed)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from articles.parsing.htmltree import first, has_text, parse_html_tree, single_string, strings

PAGES = [
    "<html><body><p>a<!-- note -->b</p>\n\n  <p>c</p></body></html>",
    "<body><pre>\n\n  </pre><p> \t </p><textarea>  </textarea></body>",
    "<body><ruby>漢<rt>kan</rt></ruby><script>var x;</script><template><p>t</p></template></body>",
    "<html><body><p>one</p></body></html><p>after the end</p><title>late title</title>",
    "\ufeff<p class='byline x'>By <b>Ann</b> Lee</p><time datetime='2023-01-02'>Jan 2</time>",
    "<p>x</html><html lang='fr'><body><h1>Head <rp>(</rp>line</h1>",
]


@pytest.mark.parametrize("page", PAGES)
def test_strings_match_beautifulsoup(page: str) -> None:
    soup = BeautifulSoup(page, "lxml")
    root = parse_html_tree(page)
    for name in ("body", "p", "h1", "title", "time", "ruby", "template", "script", "pre"):
        theirs, ours = soup.find(name), first(root, name)
        assert (theirs is None) == (ours is None), name
        if theirs is not None and ours is not None:
            assert list(strings(ours)) == list(theirs._all_strings()), name
            assert single_string(ours) == theirs.string, name
    body = first(root, "body")
    assert body is not None and soup.body is not None
    assert has_text(body) == bool(soup.body.get_text(strip=True))
