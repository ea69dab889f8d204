"""Direct quotations and their speakers, from invented paragraphs."""

from __future__ import annotations

import datetime as dt

from casualties.extraction import Statement, extract

PUBLISHED = dt.datetime(2024, 3, 15, 9, 30, tzinfo=dt.UTC)  # Friday


def statements(body: str) -> tuple[Statement, ...]:
    return extract(body, PUBLISHED, outlet="Northwire").statements


def test_speaker_after_the_quote() -> None:
    (s,) = statements("“We will rebuild every school,” Marta Kowalczyk said on Thursday.")
    assert (s.speaker, s.quote, s.date) == (
        "Marta Kowalczyk",
        "We will rebuild every school,",
        dt.date(2024, 3, 14),
    )


def test_inverted_speaker_with_apposition() -> None:
    (s,) = statements("“The road is closed,” said Tomas Berg, 58, a farmer from the valley.")
    assert s.speaker == "Tomas Berg"


def test_speaker_before_a_colon() -> None:
    body = "Defence Minister Lena Horvat spoke to reporters. The minister said: “We hold the line.”"
    (s,) = statements(body)
    assert s.speaker == "Lena Horvat"


def test_speaker_in_the_middle_joins_fragments() -> None:
    (s,) = statements("“We waited,” Ivo Petran said on Friday, “and nobody came.”")
    assert (s.speaker, s.quote) == ("Ivo Petran", "We waited, ... and nobody came.")


def test_pronoun_resolves_to_the_last_person_named() -> None:
    body = (
        "Foreign Minister Adela Novak met her counterpart on Wednesday.\n\n"
        "“Nothing is agreed yet,” she said."
    )
    (s,) = statements(body)
    assert s.speaker == "Adela Novak"


def test_surname_resolves_to_the_full_name() -> None:
    body = "President Karel Dvorsky visited the front.\n\n“We will not retreat,” Dvorsky said."
    (s,) = statements(body)
    assert s.speaker == "Karel Dvorsky"


def test_quote_continued_in_the_next_sentence_keeps_its_speaker() -> None:
    body = "“The shelling went on all night,” Nadia Feld told Northwire. “We had no water.”"
    found = statements(body)
    assert [(s.speaker, s.quote) for s in found] == [
        ("Nadia Feld", "The shelling went on all night,"),
        ("Nadia Feld", "We had no water.”".rstrip("”")),
    ]


def test_organisation_speaker() -> None:
    (s,) = statements("The Interior Ministry said in a statement: “The curfew stays in force.”")
    assert (s.speaker, s.speaker_kind, s.channel) == (
        "Interior Ministry",
        "organisation",
        "statement",
    )


def test_scare_quotes_are_not_statements() -> None:
    body = "Residents call it the “green corridor” and the so-called “safe zone” is empty."
    assert statements(body) == ()


def test_short_fragment_after_a_speech_verb_is_a_statement() -> None:
    (s,) = statements("Envoy Paulo Reis said the talks had made “real progress.”")
    assert (s.speaker, s.quote) == ("Paulo Reis", "real progress.")


def test_last_week_gives_no_date() -> None:
    (s,) = statements("Last week Reis said the sides must “stop the guns.”")
    assert s.date is None
