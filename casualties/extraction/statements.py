"""Direct quotations and who said them.

A quotation is words between quotation marks. It is a statement when a speech verb
frames it: after it ("...," X said / said X), before it (X said: "..." / X said that
... "..."), or around it ("...," X said, "..."); or when it continues, as a sentence of
its own, a statement just made in the same paragraph. One to four quoted words that no
speech verb frames, or that follow a determiner ("the "metro"", "a so-called
"lifeline"") are labels or scare quotes, not statements.

The speaker resolves within the article: a pronoun to the last person named, a title
("the Turkish president") to the person introduced with it, a surname to the full
name, an acronym to the name it abbreviates, "the ministry" to the last ministry named.

Worked example: in "“We will not give up,” she said." after a paragraph that named
"Defence Minister Jane Roe", the speaker is "Jane Roe", and the statement takes the day
of Jane Roe's last dated remark when its own sentence gives none.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass

from .context import ArticleContext
from .grammar import (
    ORG_HEADS,
    PLACE_NOUN_END,
    QUOTE_VERB_RE,
    TITLE_WORDS,
    np_after,
    strip_titles,
    subject_before,
)
from .model import EXTRACTOR_VERSION, DateMention, Evidence, Statement
from .scan import caseless_may_hold, has_any
from .sentences import Sentence

_OPEN = "“"
_CLOSES = '”"'
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|so-called|its|their|his|her|our)\s+(?:[\w-]+\s+)?"
    r"|\b(?:called|calls|call|dubbed|labelled|labeled|branded|termed|daubed|read|reading|"
    r"word|words)\s+(?:it\s+|them\s+)?(?:the\s+|a\s+)?)$",
    re.IGNORECASE,
)
# How far before a quotation ``_DETERMINER_BEFORE`` looks (its words end just before).
_DETERMINER_REACH = 200
_PRONOUN = re.compile(r"^(?:he|she)$", re.IGNORECASE)
_CHANNEL_RE = re.compile(
    r"\b(?:(?:in|during)\s+(?:a|an|his|her|their|its|the)\s+(?P<event>(?:[\w-]+\s+){0,3}?"
    r"(?:address|interview|statement|speech|remarks|briefing|post|video|broadcast|conference|message|tweet))"
    r"(?:\s+(?:on|with|to|from)\s+(?P<medium>[A-Z][\w]*(?:\s+[A-Z][\w]*)*))?"
    r"|(?:wrote|posted|said)\s+on\s+(?P<platform>[A-Z][\w]*)"
    r"|told\s+(?P<told>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w]*)*))"
)


@dataclass
class _Fragment:
    start: int  # inner text, body offsets
    end: int


_OPENER = re.compile(r'[“"]')
_CLOSER_OF_OPEN = re.compile(r'[”"“]')


def _quote_spans(body: str) -> list[tuple[int, int]]:
    """Inner spans of quotations, never across a line break. A quotation opened with a
    curly mark closes at either closing mark, or ends where the next one opens; a
    straight mark that follows a letter or digit opens nothing."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(body)
    while True:
        m = _OPENER.search(body, i)
        if m is None:
            break
        i = m.start()
        if body[i] == '"' and i > 0 and body[i - 1].isalnum():
            i += 1
            continue
        line_end = body.find("\n", i)
        if line_end < 0:
            line_end = n
        if body[i] == _OPEN:
            c = _CLOSER_OF_OPEN.search(body, i + 1, line_end)
            j = c.start() if c else line_end
        else:
            j = body.find('"', i + 1, line_end)
            if j < 0:
                j = line_end
        spans.append((i + 1, j))
        i = j + 1 if j < line_end and body[j] in _CLOSES else j
    return spans


_ALNUM = re.compile(r"[^\W_]")
_NON_ASCII_ALNUM = re.compile(r"[^\W\x00-\x7f_]")
_ASCII_ALNUM_TO_X = str.maketrans(dict.fromkeys(string.ascii_letters + string.digits, "x"))


def _blank(text: str) -> str:
    """``text`` with every letter and digit replaced by "x" (``_ALNUM.sub("x", text)``,
    by a table for ASCII and the pattern only for what else remains)."""
    out = text.translate(_ASCII_ALNUM_TO_X)
    if not out.isascii() and _NON_ASCII_ALNUM.search(out):
        out = _ALNUM.sub("x", out)
    return out


def _frame(sent: Sentence, frags: list[_Fragment]) -> str:
    """The sentence with quoted words blanked out (offsets kept)."""
    if not frags:
        return sent.text
    text = sent.text
    parts: list[str] = []
    at = 0
    for f in frags:
        a = max(f.start, sent.start) - sent.start
        b = min(f.end, sent.end) - sent.start
        if b <= a:
            continue
        parts.append(text[at:a])
        parts.append(_blank(text[a:b]))
        at = b
    parts.append(text[at:])
    return "".join(parts)


_RESOLVE_RE1 = re.compile(r"^(?:and|but|then)\s+")
_ORGANISATION_RE1 = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ORGANISATION_RE2 = re.compile(r"\s+statement$")
_RESOLVE_RE2 = re.compile(r"[’']s$")


class _Speakers:
    def __init__(self, ctx: ArticleContext, quoted: list[tuple[int, int]]) -> None:
        self.ctx = ctx
        self.quoted = quoted  # the article's quotations: no antecedent of "he said" in them

    def resolve(self, np: str, offset: int) -> tuple[str | None, str, str | None]:
        """(speaker, kind, role) for the noun phrase ``np`` found at body ``offset``."""
        np = np.strip().strip(",")
        np = _RESOLVE_RE1.sub("", np)
        described, comma, _place = np.rpartition(", ")
        if comma and PLACE_NOUN_END.search(described):
            np = described  # "a doctor in the city, Goma": the name is the city's
        low = np.lower()
        if _PRONOUN.match(low):
            p = self.ctx.last_person_before(offset, outside=self.quoted)
            return (self.ctx.full_name(p.name), "person", p.title) if p else (None, "unknown", None)
        acr = self.ctx.acronyms.get(
            _ORGANISATION_RE2.sub("", np.removeprefix("the ").removeprefix("The "))
        )
        if acr:
            return acr, "organisation", None
        words = np.split()
        head = _RESOLVE_RE2.sub("", words[-1].lower()) if words else ""
        if head in TITLE_WORDS and all(
            not w[:1].isupper() or self.ctx.registry.demonym(w) or w.lower() in TITLE_WORDS
            for w in words
        ):
            name = self.ctx.person_by_title(np, offset)
            if name:
                return name, "person", " ".join(w for w in words if w.lower() in TITLE_WORDS)
        if head in ORG_HEADS or head == "statement":
            return self._organisation(np, offset), "organisation", None
        name = strip_titles(np)
        name = " ".join(w for w in name.split() if not self.ctx.registry.demonym(w)) or name
        role = (
            " ".join(
                w
                for w in np.split()[: len(np.split()) - len(name.split())]
                if w.lower() in TITLE_WORDS
            )
            or None
        )
        if not name[:1].isupper():
            return None, "unknown", None
        return self.ctx.full_name(name), "person", role

    def _organisation(self, np: str, offset: int) -> str:
        np = _ORGANISATION_RE1.sub("", np)
        np = _ORGANISATION_RE2.sub("", np)
        if len(np.split()) == 1 or np.lower().startswith(("same ", "ministry", "government")):
            found = self.ctx.fuller_organisation(np, offset, window=offset)
            if found:
                return found
        return np


_SPEAKER_NP_RE1 = re.compile(
    r"^[”\"]?\s*,?\s*(?P<np>[^;:“”\"]{1,160}?)\s+(?:has\s+|had\s+)?(?P<v>"
    + QUOTE_VERB_RE.pattern
    + r")"
)
_SPEAKER_NP_RE2 = re.compile(r"^[”\"]?\s*,?\s*(?P<v>said|says|added|asked|wrote)\s+(?P<rest>.*)")
_SPEAKER_NP_RE3 = re.compile(r"[“”\"]\s*$")
# A noun just before a verb that makes it a participle ("a video posted", "a statement issued").
_PARTICIPLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+)?[a-z]+\s+$")


def _speaker_np(frame: str, first: int, last: int) -> tuple[str | None, int | None]:
    """Find the speaker noun phrase and the verb offset (sentence-relative) in a frame
    whose quoted words run from ``first`` to ``last``."""
    after = frame[last:]
    # "...," X said / "...," said X
    m = _SPEAKER_NP_RE1.match(after)
    if m and not QUOTE_VERB_RE.search(m.group("np")):
        np = subject_before(frame[last : last + m.start("v")].lstrip('”" ,'))
        if np:
            return np, last + m.start("v")
    m = _SPEAKER_NP_RE2.match(after)
    if m:
        np = np_after(m.group("rest"))
        if np:
            return np, last + m.start("v")
    # middle: "...," X said, "..."  (checked by the caller on the first fragment)
    before = frame[:first]
    verbs = list(QUOTE_VERB_RE.finditer(before))
    if verbs:
        # the verb nearest the quotation ("In a video posted on Friday, X told his
        # fighters: ...": "posted" describes the video)
        v = verbs[-1] if _PARTICIPLE_BEFORE.search(before, 0, verbs[0].start()) else verbs[0]
        np = subject_before(before[: v.start()])
        if np and not _SPEAKER_NP_RE3.search(before[: v.start()].rstrip()):
            return np, v.start()
        if np:
            return np, v.start()
    # "..." at the start with the speaker after a later fragment is handled by the caller
    return None, None


_ATTRIBUTED_AFTER_RE1 = re.compile(
    # (a full stop only in initials or an abbreviation before a name: "U.N.", "Brig. X")
    r"^[”\"]?\s*,?\s*(?:(?:[^,;:“”\".]|(?<=[A-Z])\.|\.(?=\s+[A-Z])){1,60}?\s+)?"
    r"(?:" + QUOTE_VERB_RE.pattern + ")"
)


def _attributed_after(frame: str, end: int) -> bool:
    """The quotation is followed at once by its attribution (", X said" / ", said X")."""
    return bool(_ATTRIBUTED_AFTER_RE1.match(frame[end:]))


_SHORT_RE1 = re.compile(r"[\w’'-]+")


def _short(text: str) -> bool:
    return len(_SHORT_RE1.findall(text)) <= 4


_REACTION_WORDS = (
    "welcomed", "condemned", "praised", "denounced", "hailed", "criticised", "criticized",
    "rejected", "denied",
)  # fmt: skip
_REACTION_VERB = re.compile(rf"\b(?:{'|'.join(_REACTION_WORDS)})\b")
_PRONOUN_SUBJECT = re.compile(r"(?:He|She)\s+[a-z]")
_SAME_SCENE = re.compile(r"\b(?:beside|alongside|next\s+to)\s+(?:him|her)\b", re.IGNORECASE)
_EVENT_NOUNS = r"talks|meeting|summit|ceremony|conference|briefing|session|signing"
_EVENT_NOUN = re.compile(rf"\b(?:{_EVENT_NOUNS})\b")
_EVENT_WORDS = tuple(_EVENT_NOUNS.split("|"))
_EVENT_REFERENCE = re.compile(
    r"\b(?:after|at|during|following|before|on\s+the\s+sidelines\s+of)\s+the\s+"
    rf"(?:[\w-]+\s+)?(?P<noun>{_EVENT_NOUNS})\b"
    r"|\bthe\s+(?P<subj>talks|meeting|summit)\s+(?:focused|centred|centered|dealt|covered|"
    r"produced|yielded|were|was|had)\b",
    re.IGNORECASE,
)
_STATEMENT_CHANNEL = re.compile(
    r"\b(?:in|issued)\s+a\s+(?:written\s+|joint\s+|separate\s+)?statement\b|\ba\s+statement\s+said\b",
    re.IGNORECASE,
)


def day_words_in(mentions: list[DateMention]) -> bool:
    return any(d.kind == "day" and d.date is not None for d in mentions)


def _undated(
    frame: str,
    published: dt.date,
    event_days: list[tuple[int, int, int, list[DateMention]]],
    ctx: ArticleContext,
) -> dt.date | None:
    """The day of a quotation whose own sentence, speaker and neighbours give none: the
    day the story gave the talks or ceremony it was said at; the publication day for a
    written statement (the day's news); else none, since the text gives no day."""
    # (each pattern needs one of a few words: a cheap test first)
    ref = _EVENT_REFERENCE.search(frame) if caseless_may_hold(frame, _EVENT_WORDS) else None
    if ref is not None:
        noun = (ref.group("noun") or ref.group("subj")).lower()
        for _, start, end, mentions in reversed(event_days):
            at = ctx.low.find(noun, start, end)
            if at < 0:
                continue
            days = [d for d in mentions if d.kind == "day" and d.date is not None]
            if days:
                return min(days, key=lambda d: abs(d.start - at)).date
        return published
    if caseless_may_hold(frame, ("statement",)) and _STATEMENT_CHANNEL.search(frame):
        return published
    return None


_EXTRACT_STATEMENTS_RE1 = re.compile(r"[x\W]")
_EXTRACT_STATEMENTS_RE2 = re.compile(r"x")
_EXTRACT_STATEMENTS_RE3 = re.compile(r"[A-Za-z]")


# A preposition that makes the date after it a limit, not the time of the remark.
_BOUNDARY_BEFORE = re.compile(r"\b(?:until|till|beyond|through|by|before|after)\s+\Z")


def extract_statements(
    sentences: list[Sentence],
    published: dt.date,
    ctx: ArticleContext,
    dates: list[list[DateMention]],
) -> list[Statement]:
    spans = _quote_spans(ctx.body)
    speakers = _Speakers(ctx, spans)
    out: list[Statement] = []
    last_by_speaker: dict[str, dt.date | None] = {}
    prev: Statement | None = None
    prev_sent_idx = -10
    prev_speech_date: tuple[int, dt.date | None] | None = None
    # the sentence before with a day and the person it is about: (index, name, day)
    prev_person_day: tuple[int, str, dt.date] | None = None
    # sentences with no quotation that date a talks, meeting or ceremony
    event_days: list[tuple[int, int, int, list[DateMention]]] = []
    first_span = 0  # spans are in body order: those ending before this sentence are done
    for idx, sent in enumerate(sentences):
        while first_span < len(spans) and spans[first_span][1] <= sent.start:
            first_span += 1
        frags = []
        for s, e in spans[first_span:]:
            if s >= sent.end:
                break
            if e > sent.start and min(e, sent.end) - max(s, sent.start) > 0:
                frags.append(_Fragment(max(s, sent.start), min(e, sent.end)))
        if frags:
            frags = [f for f in frags if ctx.body[f.start : f.end].strip(" .,")]
        # a deadline ("extend the pause beyond Monday") is not when anything was said
        said_dates = [
            d
            for d in dates[idx]
            if not _BOUNDARY_BEFORE.search(ctx.low, max(0, d.start - 16), d.start)
        ]
        if frags:
            frame = _frame(sent, frags)
            sent_dates = [
                d for d in said_dates if not any(f.start <= d.start < f.end for f in frags)
            ]
        else:  # no quotation: the sentence as it is
            frame = sent.text
            sent_dates = said_dates
        speech_dates = [(d.start - sent.start, d) for d in sent_dates]
        if not frags:
            if speech_dates and (
                QUOTE_VERB_RE.search(frame)
                or has_any(frame, _REACTION_WORDS)
                and _REACTION_VERB.search(frame)
            ):
                prev_speech_date = (idx, speech_dates[0][1].date)
            elif (
                prev_speech_date is not None
                and prev_speech_date[0] == idx - 1
                and not speech_dates
                and _PRONOUN_SUBJECT.match(sent.text)
            ):
                # "On Monday X said ... . He urged ...": the same remark goes on
                prev_speech_date = (idx, prev_speech_date[1])
            days = [d.date for d in sent_dates if d.kind == "day" and d.date is not None]
            subject = ctx.first_person_in(sent.start, sent.end) if days else None
            # "X thanked Y in an address on Saturday. “...,” he said.": X's day
            prev_person_day = (idx, ctx.full_name(subject.name), days[0]) if subject else None
            if (
                day_words_in(dates[idx])
                and has_any(ctx.low[sent.start : sent.end], _EVENT_WORDS)
                and _EVENT_NOUN.search(ctx.low, sent.start, sent.end)
            ):
                event_days.append((idx, sent.start, sent.end, dates[idx]))
            continue
        first = frags[0].start - sent.start
        last = frags[-1].end - sent.start
        np, verb_at = _speaker_np(frame, first, last)
        if np is None and len(frags) > 1:
            np, verb_at = _speaker_np(frame, first, frags[0].end - sent.start)
        continuation = False
        if np is None:
            only_quote = not _EXTRACT_STATEMENTS_RE3.search(
                _EXTRACT_STATEMENTS_RE2.sub("", frame.replace("x", "")).strip('“”" .,')
            ) or not _EXTRACT_STATEMENTS_RE1.sub("", frame)
            if (
                prev is not None
                and prev_sent_idx == idx - 1
                and sentences[idx - 1].paragraph == sent.paragraph
                and only_quote
            ):
                continuation = True
            else:
                continue
        quote_parts = [ctx.body[f.start : f.end] for f in frags]
        quote = " ... ".join(p.strip() for p in quote_parts)
        if not continuation:
            assert verb_at is not None
            verb_body = sent.start + verb_at
            for f in frags:
                rel = f.start - sent.start
                if _short(ctx.body[f.start : f.end]) and (
                    _DETERMINER_BEFORE.search(
                        frame, max(0, rel - 1 - _DETERMINER_REACH), max(rel - 1, 0)
                    )
                    or (
                        verb_at > rel
                        and len(frags) == 1
                        and not _attributed_after(frame, f.end - sent.start)
                    )
                ):
                    np = None
            if np is None:
                continue
            speaker, kind, role = speakers.resolve(np, verb_body)
            if speaker is None:
                continue
        else:
            assert prev is not None
            speaker, kind, role = prev.speaker, prev.speaker_kind, prev.role
        # the date
        date: dt.date | None
        vague = [d for d in sent_dates if d.kind == "vague"]
        day = [d for d in sent_dates if d.kind == "day"]
        if continuation and prev is not None:
            date = prev.date
        elif day:
            v_at = verb_at or 0
            after_verb = [d for d in day if d.start - sent.start >= v_at and d.date]
            if after_verb:
                # a remark is no earlier than the latest day it reports ("said that
                # battles took place on Sunday")
                date = max(d.date for d in after_verb if d.date)
            else:
                date = min(day, key=lambda d: abs(d.start - sent.start - v_at)).date
        elif [d for d in vague if abs(d.start - sent.start - (verb_at or 0)) <= 45]:
            date = None
        elif prev_speech_date and prev_speech_date[0] == idx - 1:
            date = prev_speech_date[1]
        elif (
            prev_person_day is not None
            and prev_person_day[0] == idx - 1
            and prev_person_day[1] == speaker
            and sentences[idx - 1].paragraph == sent.paragraph
        ):
            date = prev_person_day[2]
        elif speaker in last_by_speaker:
            date = last_by_speaker[speaker]
        elif prev is not None and prev_sent_idx == idx - 1 and _SAME_SCENE.search(frame):
            date = prev.date  # "Standing beside him, the other leader said: ..."
        else:
            date = _undated(frame, published, event_days, ctx)
        ch = _CHANNEL_RE.search(frame)
        channel = None
        if ch:
            channel = " ".join(
                x
                for x in (
                    ch.group("event"),
                    ch.group("medium"),
                    ch.group("platform"),
                    ch.group("told"),
                )
                if x
            )
        stmt = Statement(
            speaker=speaker,
            speaker_kind=kind,
            role=role,
            quote=quote,
            quote_spans=tuple((f.start, f.end) for f in frags),
            channel=channel,
            date=date,
            evidence=Evidence(sent.text, sent.start, sent.end),
            dates=tuple(sent_dates),
            confidence=0.7 if continuation else 0.85,
            extractor_version=EXTRACTOR_VERSION,
        )
        out.append(stmt)
        if speaker is not None:
            last_by_speaker[speaker] = date
        prev = stmt
        prev_sent_idx = idx
        if day:
            prev_speech_date = (idx, date)
    return out
