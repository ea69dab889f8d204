"""Small invented wire stories rendered as the pages importers bring in.

The same story body is rendered with different page furniture (as saved text from one
outlet and as HTML from another) so dedup can be tested; an update adds paragraphs.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

HEADLINE = "Shelling hits river town as talks on a truce stall"
PARAGRAPHS = [
    "VALDORA, Eastland (AP) — Artillery fire struck the river town of Valdora on Tuesday, "
    "killing at least 12 civilians and wounding 40 others, regional officials said.",
    "The governor of the region, Marta Ilves, said rescue crews were still searching the "
    "rubble of two apartment blocks late into the evening.",
    "“We are counting the dead street by street,” Ilves told reporters outside the hospital.",
    "Negotiators from both sides met in a neutral capital last week but failed to agree on a "
    "cease-fire, and no new round of talks has been scheduled.",
    "The defense ministry of Westland said its forces had targeted only military depots and "
    "denied hitting homes.",
    "Aid groups say more than 3,000 people have fled the town since the fighting began.",
]
UPDATE_PARAGRAPHS = [
    "Later on Tuesday the regional administration raised the toll, saying 15 civilians had "
    "been killed.",
    "Ilves said schools in the town would stay closed for the rest of the week.",
]


def saved_text_page(paragraphs: list[str] = PARAGRAPHS) -> str:
    """A browser's 'save as text' of a local news site carrying the AP story."""
    furniture_top = [
        "Skip to main content",
        "Riverside Gazette",
        "Home",
        "News",
        "Sport",
        "Weather",
        "Get breaking news alerts on your phone. Turn on notifications",
        "",
        HEADLINE,
        "",
        "Rescue crews searched two apartment blocks after the overnight barrage, and the regional "
        "governor said the toll was likely to rise",
        "",
        "By Jonas Keller, Associated Press",
        "Tuesday 14 March 2023 18:05 GMT",
        "",
    ]
    furniture_bottom = [
        "",
        "Share this article",
        "Facebook",
        "Twitter",
        "Email",
        "",
        "More from World",
        "Floods close mountain pass for third day",
        "Election count delayed in northern province",
        "Copyright 2023 The Associated Press. All rights reserved.",
    ]
    body = "\n\n".join(paragraphs)
    return "\n".join(furniture_top) + body + "\n" + "\n".join(furniture_bottom) + "\n"


def html_page(paragraphs: list[str] = PARAGRAPHS, *, charset: str = "utf-8") -> str:
    """The same story as another outlet's HTML page, with other furniture around it."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="{charset}">
<title>{HEADLINE} | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post">
<meta property="og:title" content="{HEADLINE}">
<meta name="description" content="Rescue crews searched apartment blocks after the barrage">
<meta property="article:published_time" content="2023-03-14T18:05:00+00:00">
<meta name="author" content="Jonas Keller">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. <a href="/privacy">Accept</a></div>
<article>
<h1>{HEADLINE}</h1>
<p class="byline">By Jonas Keller, Associated Press</p>
<time datetime="2023-03-14T18:05:00+00:00">March 14, 2023</time>
{body}
</article>
<aside><h3>Related</h3><ul><li><a href="/a">Floods close mountain pass</a></li>
<li><a href="/b">Election count delayed</a></li></ul></aside>
<footer><a href="/terms">Terms</a> <a href="/contact">Contact us</a></footer>
</body></html>
"""


def jsonl_feed(records: list[dict[str, object] | str]) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
