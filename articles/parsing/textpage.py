"""The page-furniture filter: a saved page's text in, the story's parts out.

No library cleans "save as text" output, so this is ours. It judges lines by *structure*, the
way a reader's eye does, not by a list of known furniture strings:

1. **Line features.** Each line gets a prose score (enough words, mostly lower-case words,
   ends like a sentence) and a furniture weight built from structural signals: the line is
   repeated on the page ("DON'T MISS" eight times), is in the caller's ``known_furniture``
   (lines the service layer saw on many pages of the same outlet), carries a link or a
   "Home | News | World" menu, has no letters ("___"), is a truncated teaser ("..."), is a
   copyright notice, or *addresses the reader*: "you"/"your", or "we"/"our" with no speech
   verb, outside quotation marks. News copy speaks about third parties; page furniture
   (donation appeals, cookie notices, comment rules, newsletter prompts) speaks to you. A small
   table of generic cue words ("newsletter", "cookies", "sign in") adds one weak point and
   can never remove a paragraph by itself.
2. **Body region.** Lines that are certainly furniture (weight 2 or more) are set aside; the
   rest score positive (prose) or negative (short, title-like, weak cues), and the body is
   the contiguous run with the largest total (Kadane's maximum subarray).
   Menus and "Most read" lists are runs of short negative lines, so they stay outside; a
   crosshead costs a little but the paragraphs around it pay for it. A wire dateline near the
   top of the run ("KYIV, Ukraine (AP) —") marks where the story starts.
3. **Inside the region** a line is a paragraph (prose, little furniture weight), a caption (a
   photo credit at its end, or after an "Image caption" label), a credit line ("... contributed
   to this report"), a subhead (a short title-like line between paragraphs), or dropped.
4. **Header.** Above the region, the publication date line and byline are found by their shape
   (``dates.is_date_line``, ``bylines.is_byline``); the headline is the nearest title-like line
   above them, and the dek is a long line right under it.

Worked example, an invented saved page of a paper carrying a wire story (score of each
line in brackets)::

    Get alerts from The Riverside Gazette on your phone           [-4.0]  imperative, cue word
    River town shelled as truce talks stall                      [-1.0]  title-like (headline)
    Via AP news wire                                             [-2.0]  byline
    Tuesday 14 March 2023 18:05 GMT                              [-2.0]  date line
    Good reporting needs readers like you                        [-4.0]  addresses the reader
    In a year like this one ... Your gift keeps us reporting ... [-2.5]  reader, cue word
    Every contribution makes a difference.                       [-2.0]  addresses the reader
    Artillery struck the river town on Tuesday, ... to sign up   [+0.5]  prose, one cue word  \
    The regional governor said rescue crews were ...             [+2.0]  prose                 |
    ... six more paragraphs ...                                  [+2.0]  each                  |
    Negotiators met last week but failed to agree ...            [+2.0]  prose                /
    ___                                                          [-0.5]  no words
    Associated Press writers ... contributed to this report.     [+0.5]  credit (kept apart)
    Thank you for registering                                    [-5.5]  reader, cue word

Lines of weight 2 or more (the appeal, the registration prompt) are set aside first; the
byline and date lines still part the dek from the story, and the best run is the nine story
paragraphs (total +16.5).

Paragraph text is kept verbatim apart from whitespace inside a line, so evidence sentences
copied from the page are substrings of the body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from . import hints
from .bylines import has_dateline, is_byline, is_credit_line_caseless, sign_off_agency
from .dates import is_date_line, parse_date_text
from .models import PublishedDate

# --- tables -----------------------------------------------------------------------------

#: Generic cue phrases of page furniture. One weak signal among the structural ones.
FURNITURE_CUES: tuple[str, ...] = (
    r"subscri(?:be|ption)",
    r"newsletters?",
    r"sign (?:up|in)",
    r"log ?in",
    r"register(?:ing)?",
    r"cookies?",
    r"javascript",
    r"notifications?",
    r"advertis(?:ement|ing)",
    r"share (?:this|on|article|story)",
    r"follow us",
    r"download (?:our|the)",
    r"read (?:more|next|also)",
    r"related (?:stories|topics|articles|coverage)",
    r"more (?:stories|from|on this story)",
    r"most (?:read|popular|viewed|shared)",
    r"trending",
    r"comments",
    r"comment policy",
    r"community guidelines",
    r"privacy",
    r"terms of (?:use|service)",
    r"all rights reserved",
    r"donat(?:e|ion)",
    r"your inbox",
    r"breaking news alerts",
    r"skip to",
    r"click here",
    r"listen to this",
    r"min read",
    r"licensing rights",
)

#: Verbs that open an instruction to the reader ("Sign up for ...", "Follow us ...").
IMPERATIVE_OPENERS: frozenset[str] = frozenset(
    "sign subscribe follow download get join click tap read watch listen share enter register "
    "log please stay accept try continue support donate explore discover see view".split()
)

#: Verbs of reporting: "we" in a sentence with one of these is a quoted speaker, not the page.
SPEECH_VERBS: frozenset[str] = frozenset(
    "said says say told tells added wrote writes according asked stated declared warned "
    "insisted announced urged".split()
)

# Labels that introduce a photo caption on the next line ("Image caption,").
_CAPTION_LABEL = re.compile(r"^(?:image|photo|picture|video)\s+caption\s*[,:]?$", re.IGNORECASE)
_MEDIA_LABEL = re.compile(r"^(?:image|photo|picture|video)\s+(?:source|credit)s?\b", re.IGNORECASE)

# --- patterns ---------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TERMINALS = (".", "?", "!", "…")
_CLOSERS = "\"'”’)]"
_QUOTES = frozenset('"“”„«»')
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"\b(?:we|We|WE|our|Our|ours|us)\b")
_URL = re.compile(r"https?://|www\.\w|\b\w+\.(?:com|org|net|co\.uk)/", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)
_TEASER = re.compile(r"^(?P<label>[^\W\d][\w'’ ]{1,25}):\s+(?P<rest>\S.*)$")
_CUE = re.compile(r"\b(?:" + "|".join(FURNITURE_CUES) + r")\b", re.IGNORECASE)
# The same, tried cheaply (see ``hints``): each with substrings one of which every match holds.
_CUE_TEST = hints.CaselessPattern(_CUE, [hints.literal_stem(cue) for cue in FURNITURE_CUES])
_URL_TEST = hints.CaselessPattern(_URL, ["/", "www."])
_COPYRIGHT_TEST = hints.CaselessPattern(
    _COPYRIGHT, ["©", "(c)", "copyright", "all rights reserved"]
)
_QUOTE_MARK = re.compile("[" + "".join(sorted(_QUOTES)) + "]")
_CREDIT_WORDS = re.compile(
    r"(?i:\bphotos?\b|©|\bcopyright\b|\bgetty\b|\bimages?\b|\bstaff\b|\bcredit\b|\bfile\b)"
    r"|[A-Z][A-Za-z]+/[A-Z][A-Za-z]+|\b(?:REUTERS|AFP|AP|EPA|AAP|ANADOLU|SPUTNIK)\b"
)
_TRAILING_PAREN = re.compile(r"\((?P<inner>[^()]{2,90})\)\s*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
_DATE_LABEL = re.compile(
    r"^(?:published|posted|updated|modified|last updated|first published)\b[\w\s:]*$",
    re.IGNORECASE,
)
_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)(?:\s*(?:©|copyright))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?"
    r"(?P<name>[A-Z][\w&'’ .-]{1,80}?)\s*(?:[.,|]|\ball rights\b|$)",
    re.IGNORECASE,
)
# What follows a publisher's name in a notice but is no part of it ("... Limited or its
# affiliated companies", "... Ltd").
_LEGAL_TAIL = re.compile(
    r"(?:\s+(?:or|and)\s+its\s+affiliated?\s+companies|\s+and\s+its\s+affiliates)?$|"
    r",?\s+(?:Limited|Ltd|Inc|LLC|plc|PLC|GmbH|S\.?A|Corp(?:oration)?)\.?"
    r"(?:\s+(?:or|and)\s+its\s+affiliated?\s+companies|\s+and\s+its\s+affiliates)?$"
)
_READ_TIME = re.compile(r"^\d+\s*(?:min(?:ute)?s?)(?:\s+read)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LineInfo:
    """What the filter knows about one line. Public so tests and tools can explain a decision."""

    text: str
    words: int
    prose: float  # 2 strong, 1 weak, 0 not prose
    furniture: float
    title_like: bool
    caption: bool
    credit: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TextPage:
    headline: str | None
    dek: str | None
    byline: str | None
    published: PublishedDate | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    subheads: tuple[str, ...]
    credits: tuple[str, ...]
    sign_off: str | None
    copyright_holder: str | None = None


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space."""
    return " ".join(text.split())


def furniture_key(line: str) -> str:
    """The form in which lines are compared with ``known_furniture``.

    The service layer builds its set of an outlet's repeated lines with this same function.
    """
    return normalize_space(line).casefold()


def page_lines(text: str) -> list[str]:
    """The non-blank lines of a saved page, whitespace-normalised, hard wraps undone.

    A line that stops mid-sentence (ends in a lower-case letter or a comma, and is long) and is
    followed by a line starting in lower case is one paragraph wrapped by the saving tool.
    """
    return [line for line, _ in page_blocks(text)]


def page_blocks(text: str) -> list[tuple[str, bool]]:
    """:func:`page_lines` with, for each line, whether a blank line (or the page top) precedes
    it: lines with no blank line between them belong to one block of the page."""
    lines = [normalize_space(raw) for raw in text.split("\n")]
    joined: list[tuple[str, bool]] = []
    previous_blank = True
    for line in lines:
        if not line:
            previous_blank = True
            continue
        if not previous_blank and joined and _wrapped(joined[-1][0], line):
            joined[-1] = (f"{joined[-1][0]} {line}", joined[-1][1])
        else:
            joined.append((line, previous_blank))
        previous_blank = False
    return joined


def _wrapped(previous: str, line: str) -> bool:
    if len(previous) < 40 or " " not in line or not line[0].islower():
        return False
    if not (previous[-1].islower() or previous[-1] == ","):
        return False
    words = _WORD.findall(previous)
    return sum(1 for word in words if word[0].islower()) >= 0.5 * len(words)


def describe_line(line: str, *, repeated: bool = False, known: bool = False) -> LineInfo:
    """Score one line (see the module docstring for what each signal means)."""
    words = _WORD.findall(line)
    count = len(words)
    lower = sum(1 for word in words if word[0].islower())
    caseless = hints.caseless_form(line)
    lower_share = lower / count if count else 0.0
    terminal = _ends_sentence(line)
    reasons: list[str] = []
    furniture = 0.0

    if known:
        furniture += 3
        reasons.append("known furniture of this outlet")
    if repeated:
        furniture += 2
        reasons.append("repeated on the page")
    if _COPYRIGHT_TEST.search(line, caseless):
        furniture += 3
        reasons.append("copyright notice")
    if _addresses_reader(line, caseless if caseless is not None else line.lower()):
        furniture += 2
        reasons.append("addresses the reader")
    if _URL_TEST.search(line, caseless):
        furniture += 2
        reasons.append("link")
    if line.count("|") >= 2 or (line.count("|") == 1 and count <= 8):
        furniture += 2
        reasons.append("menu")
    if count == 0:
        furniture += 1
        reasons.append("no words")
    if _before_final_newline(line).endswith(("...", "…")):
        furniture += 1
        reasons.append("truncated teaser")
    teaser = _TEASER.match(line)
    if teaser and len(teaser.group("label").split()) <= 3 and not line.endswith("."):
        furniture += 1
        reasons.append("label: link teaser")
    cues = set(_CUE_TEST.found(line, caseless))
    if words and words[0].lower() in IMPERATIVE_OPENERS:
        cues.add("imperative")
    if cues:
        furniture += min(len(cues), 2)
        reasons.append("cue words: " + ", ".join(sorted(cues)))
    if _READ_TIME.match(line) or sign_off_agency(line):
        furniture += 1
        reasons.append("read time or sign-off")

    if count >= 8 and terminal and lower_share >= 0.4 or count >= 15 and lower_share >= 0.5:
        prose = 2.0
    elif count >= 3 and terminal and lower_share >= 0.3:
        prose = 1.0
    else:
        prose = 0.0
    caption = has_photo_credit(line)
    credit = is_credit_line_caseless(line, caseless)
    title_like = prose == 0 and 0 < count <= 14 and not line.endswith(".")
    return LineInfo(line, count, prose, furniture, title_like, caption, credit, tuple(reasons))


def addresses_reader(line: str) -> bool:
    """True when the text outside quotation marks speaks to the reader.

    >>> addresses_reader("Your donation allows us to keep sending journalists.")
    True
    >>> addresses_reader('"We will not fire first," the prime minister wrote.')
    False
    """
    return _addresses_reader(line, line.lower())


def _addresses_reader(line: str, lowered: str) -> bool:
    # Both patterns match in the text outside quotes only where they match in the whole line
    # ("you" needs no help from the four letters ``hints`` warns about), so test that first.
    if "you" not in lowered and _FIRST_PLURAL.search(line) is None:
        return False
    outside = _outside_quotes(line)
    if _SECOND_PERSON.search(outside):
        return True
    if _FIRST_PLURAL.search(outside):
        words = {word.lower() for word in _WORD.findall(line)}
        return not words & SPEECH_VERBS
    return False


def _ends_sentence(line: str) -> bool:
    r"""True when ``line`` ends in . ? ! or …, maybe followed by closing quotes or brackets.

    String tests doing what the regex ``[.?!…]["'”’)\]]*$`` did, at a tenth of the cost.
    """
    return _before_final_newline(line).rstrip(_CLOSERS)[-1:] in _TERMINALS


def _before_final_newline(line: str) -> str:
    """``line`` less one final newline: where a regex's ``$`` also matches."""
    return line[:-1] if line.endswith("\n") else line


def has_photo_credit(line: str) -> bool:
    """True when a line ends with a photo credit: "(AP Photo/Staff)", "REUTERS/Stringer"."""
    if len(line) > 600:
        return False
    paren = _TRAILING_PAREN.search(line)
    if paren and _CREDIT_WORDS.search(paren.group("inner")):
        return True
    if _ends_sentence(line):
        return False
    parts = _SENTENCE_SPLIT.split(line)
    tail = parts[-1] if len(parts) > 1 else ""
    if tail.startswith(("©", "Photo:", "PHOTO:")):
        return True
    return bool(tail) and len(tail.split()) <= 8 and _CREDIT_WORDS.search(tail) is not None


#: Answers of :func:`describe_line` by its arguments (line, repeated, known).
LineMemo = dict[tuple[str, bool, bool], LineInfo]


def clean_text_page(
    text: str,
    *,
    known_furniture: frozenset[str] = frozenset(),
    find_header: bool = True,
    memo: LineMemo | None = None,
) -> TextPage:
    """Split a saved page's text into headline, date, byline, paragraphs and the rest.

    ``known_furniture`` holds :func:`furniture_key` forms of lines the caller knows to be
    furniture (for example, seen on most pages of the same outlet). ``memo`` lets calls on two
    texts of one page (an HTML page's main text and its whole visible text) describe each
    line once; keep it for one page only.
    """
    blocks = page_blocks(text)
    lines = [line for line, _ in blocks]
    keys = [line.casefold() for line in lines]  # furniture_key: lines are space-normalised
    counts = Counter(keys)
    if memo is None:
        memo = {}
    infos = []
    for line, key in zip(lines, keys, strict=True):
        repeated = counts[key] > 1 and len(line) < 120
        known = key in known_furniture
        info = memo.get((line, repeated, known))
        if info is None:
            info = memo[line, repeated, known] = describe_line(line, repeated=repeated, known=known)
        infos.append(info)
    _absorb_box_headings(infos, [starts for _, starts in blocks])
    caption_at = _caption_positions(lines, infos)
    shapes = _HeaderShapes.of(lines) if find_header else None
    header_at = shapes.positions() if shapes is not None else set()
    # Certain furniture (a donation box, a "Read more:" link) is taken out before the run is
    # sought, so a box in the middle of a story does not cut the story in two.
    kept = [
        i for i, info in enumerate(infos) if info.furniture < 2 or i in header_at or i in caption_at
    ]
    scores = [_score(infos[i], i in caption_at, i in header_at) for i in kept]
    first, last = _best_region(scores)
    if first > last:
        return TextPage(None, None, None, None, (), (), (), (), None, _copyright_holder(lines))
    start, end = kept[first], kept[last]
    start = _dateline_start(lines, infos, start, end)
    start, end = _trim_edges(infos, start, end)

    headline = dek = byline = None
    published: PublishedDate | None = None
    header_used: set[int] = set()
    if shapes is not None:
        headline, dek, byline, published, header_used = _header(lines, infos, start, shapes)

    paragraphs: list[str] = []
    subheads: list[str] = []
    captions: list[str] = []
    credits: list[str] = []
    for i in range(start, end + 1):
        info = infos[i]
        if i in header_used:
            continue
        if i in caption_at:
            captions.append(info.text)
        elif info.credit:
            credits.append(info.text)
        elif info.prose and info.furniture < 2:
            paragraphs.append(info.text)
        elif _is_subhead(infos, i, start, end):
            subheads.append(info.text)
    # Captions sit between the header and the story; credits and sign-offs just after it.
    head_captions = [lines[i] for i in sorted(caption_at) if i < start and i not in header_used]
    sign_off = None
    for i in range(end + 1, min(end + 8, len(lines))):
        if infos[i].credit:
            credits.append(lines[i])
        elif sign_off is None and sign_off_agency(lines[i]):
            sign_off = lines[i]
    return TextPage(
        headline=headline,
        dek=dek,
        byline=byline,
        published=published,
        paragraphs=tuple(paragraphs),
        captions=tuple(head_captions + captions),
        subheads=tuple(subheads),
        credits=tuple(credits),
        sign_off=sign_off,
        copyright_holder=_copyright_holder(lines[end + 1 :]),
    )


# --- steps ------------------------------------------------------------------------------


def _absorb_box_headings(infos: list[LineInfo], starts_block: Sequence[bool]) -> None:
    """A short line heading a block of certain furniture is part of that box.

    Saved pages keep an appeal box's title on the line right above its text, with no blank
    line between ("Reporting costs money." then "Our correspondents are paid for by readers
    ..."), while story paragraphs are separated by blank lines. Only applies to pages that
    use blank lines at all, to lines of fewer than 12 words, and under a box's body text (12
    words or more), so a headline above a "Published" label is left alone.
    """
    if not any(starts_block[1:]):
        return
    for i in range(len(infos) - 2, -1, -1):
        below = infos[i + 1]
        boxed = below.furniture >= 2 and below.words >= 12 and not starts_block[i + 1]
        if boxed and 0 < infos[i].words < 12:
            infos[i] = replace(infos[i], furniture=max(infos[i].furniture, below.furniture))


def _caption_positions(lines: Sequence[str], infos: Sequence[LineInfo]) -> set[int]:
    positions = {i for i, info in enumerate(infos) if info.caption and info.words >= 4}
    for i, line in enumerate(lines[:-1]):
        if _CAPTION_LABEL.match(line):
            positions.add(i + 1)
    return positions


@dataclass(frozen=True, slots=True)
class _HeaderShapes:
    """Which lines of a page are date lines, date labels ("Published") and bylines.

    Read once per page: the header search asks about the same lines several times.
    """

    date_line: list[bool]
    date_label: list[bool]
    byline: list[bool]

    @classmethod
    def of(cls, lines: Sequence[str]) -> _HeaderShapes:
        return cls(
            date_line=[is_date_line(line) for line in lines],
            date_label=[_DATE_LABEL.match(line) is not None for line in lines],
            byline=[is_byline(line) for line in lines],
        )

    def is_header(self, i: int) -> bool:
        return self.date_line[i] or self.date_label[i] or self.byline[i]

    def positions(self) -> set[int]:
        """Lines that are datelines, date labels or bylines: never part of the body."""
        return {i for i in range(len(self.date_line)) if self.is_header(i)}


def _score(info: LineInfo, caption: bool, header: bool) -> float:
    if header:
        return -2.0
    if caption or _MEDIA_LABEL.match(info.text) or _CAPTION_LABEL.match(info.text):
        return 0.0
    if info.credit:
        return 0.5
    if info.words == 0:
        return -0.5
    base = info.prose if info.prose else -1.0
    return base - 1.5 * info.furniture


def _best_region(scores: Sequence[float]) -> tuple[int, int]:
    """Kadane's maximum-sum run; (0, -1) when no line scores above zero."""
    best = 0.0
    best_span = (0, -1)
    total = 0.0
    run_start = 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, run_start = score, i
        else:
            total += score
        if total > best:
            best, best_span = total, (run_start, i)
    return best_span


def _dateline_start(lines: Sequence[str], infos: Sequence[LineInfo], start: int, end: int) -> int:
    """Move the start to a wire dateline found among the region's first lines."""
    for i in range(start, min(start + 6, end + 1)):
        if infos[i].prose and has_dateline(lines[i]):
            return i
    return start


def _trim_edges(infos: Sequence[LineInfo], start: int, end: int) -> tuple[int, int]:
    """Drop instructions to the reader at the edges of the body, where furniture bleeds in.

    A first or last line that opens with an imperative and reports nobody ("Support local
    journalism: become a member today.") is not story text. Inside the body the same weak
    signal is ignored: a story may quote "Read the statement" within a paragraph.
    """

    def promotional(info: LineInfo) -> bool:
        words = [word.lower() for word in _WORD.findall(info.text)]
        return (
            bool(words)
            and words[0] in IMPERATIVE_OPENERS
            and not info.credit
            and not set(words) & SPEECH_VERBS
        )

    while start < end and promotional(infos[start]) and not has_dateline(infos[start].text):
        start += 1
    while end > start and promotional(infos[end]):
        end -= 1
    return start, end


def _is_subhead(infos: Sequence[LineInfo], i: int, start: int, end: int) -> bool:
    info = infos[i]
    if not info.title_like or info.furniture >= 1 or info.caption:
        return False
    after = infos[i + 1] if i < end else None
    return bool(after and after.prose) and any(infos[j].prose for j in range(start, i))


def _header(
    lines: Sequence[str], infos: Sequence[LineInfo], start: int, shapes: _HeaderShapes
) -> tuple[str | None, str | None, str | None, PublishedDate | None, set[int]]:
    used: set[int] = set()
    published, date_at, label_at = _date_above(lines, start, shapes)
    if date_at is not None:
        used.add(date_at)
    if label_at is not None:
        used.add(label_at)
    if published is None:
        # Some sites print the date under the story.
        for i in range(start, len(lines)):
            if shapes.date_line[i]:
                published = parse_date_text(lines[i])
                used.add(i)
                break

    # Menus can hold a bare "Reuters"; the byline is the one nearest the date line.
    bylines = [i for i in range(start) if shapes.byline[i]]
    near = date_at if date_at is not None else start
    byline_at = min(bylines, key=lambda i: abs(i - near)) if bylines else None
    byline = lines[byline_at] if byline_at is not None else None
    if byline_at is not None and byline_at > 0 and byline_at - 1 in bylines:
        # "By Lena Okafor" over "Associated Press" is one byline on two lines.
        byline = f"{lines[byline_at - 1]}, {lines[byline_at]}"
        used.add(byline_at - 1)
    if byline_at is not None:
        used.add(byline_at)

    anchors = [i for i in (date_at, byline_at) if i is not None]
    anchor = min(anchors) if anchors else start
    # A date above the headline (old Reuters layout) is no anchor when a byline sits below.
    if date_at is not None and byline_at is not None and byline_at > date_at + 1:
        anchor = byline_at
    headline, dek, found = _headline_above(lines, infos, anchor, shapes)
    used |= found
    return headline, dek, byline, published, used


def _date_above(
    lines: Sequence[str], start: int, shapes: _HeaderShapes
) -> tuple[PublishedDate | None, int | None, int | None]:
    """The first date line above the body, joined with a label line ("Published") over it.

    Returns the date, the index of its line, and the index of its label line if any.
    """
    for i in range(start):
        if shapes.date_line[i]:
            label = i - 1 if i > 0 and shapes.date_label[i - 1] else None
            text = f"{lines[label]} {lines[i]}" if label is not None else lines[i]
            found = parse_date_text(text)
            if found is not None:
                return found, i, label
    return None, None, None


def _headline_above(
    lines: Sequence[str], infos: Sequence[LineInfo], anchor: int, shapes: _HeaderShapes
) -> tuple[str | None, str | None, set[int]]:
    """Walk up from ``anchor`` collecting at most two headline-like lines."""
    found: list[int] = []
    fallback: int | None = None
    for i in range(anchor - 1, max(-1, anchor - 16), -1):
        info = infos[i]
        line = lines[i]
        if shapes.is_header(i):
            continue
        if info.furniture >= 2 or (line.endswith(".") and info.words > 3):
            break
        if info.words <= 3 or "_" in line or not any(ch.isupper() for ch in line):
            if fallback is None and info.words >= 2 and info.furniture == 0:
                fallback = i
            continue
        if info.caption:
            continue
        found.append(i)
        if len(found) == 2:
            break
    if not found:
        if fallback is None:
            return None, None, set()
        return lines[fallback], None, {fallback}
    if len(found) == 2:
        lower, upper = found  # found[0] is nearer the anchor, so lower on the page
        if infos[lower].words >= 12 and infos[lower].words > infos[upper].words:
            return lines[upper], lines[lower], {upper, lower}
    return lines[found[0]], None, {found[0]}


def _copyright_holder(lines: Sequence[str]) -> str | None:
    """The owner named in the page's last copyright notice ("© 2020 The Valley Ledger.")."""
    for line in reversed(lines):
        match = _HOLDER.search(line)
        if match is not None:
            name = re.sub(r"\s+\d{4}$", "", match.group("name")).strip(" .")
            name = _LEGAL_TAIL.sub("", name).strip(" .,")
            if name and not name.lower().startswith(("all rights", "copyright")):
                return name
    return None


def _outside_quotes(line: str) -> str:
    """The text of ``line`` outside double quotation marks (any style, paired in order)."""
    # Every quotation mark becomes a space; the odd-numbered pieces between them are quoted.
    pieces = _QUOTE_MARK.split(line)
    pieces[1::2] = [""] * (len(pieces) // 2)
    return " ".join(pieces)
