"""Direct quotations and their speakers, from invented paragraphs."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_he_said_never_points_at_a_name_inside_the_quotation() -> None:
    body = (
        "Interior Minister Lena Hartmann told reporters the border would stay open.\n\n"
        "“We stand by the Geneva Accord and by U.N. Resolution 2334,” she said."
    )
    (s,) = statements(body)
    assert s.speaker == "Lena Hartmann"


def test_a_deadline_is_not_when_the_remark_was_made() -> None:
    body = (
        "Foreign Minister Adela Novak said talks were under way to extend the pause beyond "
        "Monday.\n\n“We are hopeful that we can reach an agreement,” she told reporters."
    )
    (s,) = statements(body)
    assert (s.speaker, s.date) == ("Adela Novak", None)


@pytest.mark.parametrize(
    "titled",
    [
        "US Secretary of State Lena Hartmann",
        "U.N. envoy Lena Hartmann",
        "Minister of Foreign Affairs Lena Hartmann",
        "Ms Lena Hartmann",
    ],
)
def test_the_speakers_title_is_not_part_of_the_name(titled: str) -> None:
    (s,) = statements(f"“This agreement is a small step, but an important one,” {titled} said.")
    assert s.speaker == "Lena Hartmann"


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


THU, FRI = dt.date(2024, 3, 14), dt.date(2024, 3, 15)


def dates_of(body: str) -> list[dt.date | None]:
    return [s.date for s in statements(body)]


def test_a_quotation_with_no_day_in_the_text_has_none() -> None:
    body = (
        "Ruritanian President Ana Soto visited the front. Speaking in an address to the nation, "
        "the Ruritanian president said the war “will end on our terms and nobody else’s.”"
    )
    assert dates_of(body) == [None]


def test_a_written_statement_with_no_day_is_the_day_of_the_story() -> None:
    assert dates_of("“We will rebuild every bridge,” Nora Vik said in a statement.") == [FRI]


def test_a_quotation_said_after_dated_talks_takes_their_day() -> None:
    body = (
        "Lena Horvat and Omar Saleh met in Vienna on Thursday for four hours of talks. "
        "“We did not agree on everything,” Horvat told reporters after the talks."
    )
    assert dates_of(body) == [THU]


def test_a_pronoun_sentence_carries_a_dated_remark_to_the_quote() -> None:
    body = (
        "On Thursday, the regional governor said the enemy had reached the outskirts. "
        "He urged residents to stay indoors.\n\n"
        "“Whoever holds the bridge holds the city,” Pavel Dorn said in a video address."
    )
    assert dates_of(body) == [THU]


def test_a_quotation_in_the_same_scene_keeps_the_previous_day() -> None:
    body = (
        "“We found common ground,” Lena Horvat said on Thursday.\n\n"
        "Standing beside her, Foreign Minister Omar Saleh said: “The hard part begins now.”"
    )
    assert dates_of(body) == [THU, THU]


def test_a_remark_is_no_earlier_than_the_latest_day_it_reports() -> None:
    body = (
        "The army accused the rebels of shelling villages on Wednesday evening and said that "
        "fighting “along the whole front” resumed on Friday morning."
    )
    assert dates_of(body) == [FRI]


def test_a_lower_case_word_ending_in_a_name_particle_is_not_part_of_a_name() -> None:
    from casualties.extraction.context import ArticleContext
    from casualties.extraction.registry import ActorRegistry

    body = "The local President Ivo Marek met the provincial Governor Ana de Souza."
    ctx = ArticleContext.build(body, ActorRegistry.default())
    assert [(p.name, p.title) for p in ctx.persons] == [
        ("Ivo Marek", "president"),
        ("Ana de Souza", "governor"),
    ]


@pytest.mark.parametrize(
    "attribution",
    [
        "said the city’s mayor, Tomas Berg.",
        "said the head of the regional administration, Tomas Berg, on Thursday.",
    ],
)
def test_a_name_after_a_title_renames_it(attribution: str) -> None:
    (s,) = statements(f"“The bridge is gone,” {attribution}")
    assert s.speaker == "Tomas Berg"


@pytest.mark.parametrize(
    "attribution",
    ["a doctor in the regional capital, Vellmar, said.", "said the mayor of the city, Vellmar."],
)
def test_a_name_after_a_place_noun_names_the_place_not_the_speaker(attribution: str) -> None:
    assert statements(f"“We have counted 12 bodies,” {attribution}") == ()


@pytest.mark.parametrize(
    "body",
    [
        "“We are done,” U.N. envoy Tomas Berg said.",
        "“We are done,” said U.N. envoy Tomas Berg.",
        "“We are done,” said the U.N. envoy, Tomas Berg.",
        "“We are done,” U.S. Secretary of State Tomas Berg said.",
    ],
)
def test_initials_before_a_title_are_neither_the_name_nor_its_end(body: str) -> None:
    (s,) = statements(body)
    assert s.speaker == "Tomas Berg"


def test_he_said_is_the_subject_of_the_sentence_before_not_its_object() -> None:
    body = (
        "Prime Minister Tomas Berg thanked President Ana Ruiz in a televised address.\n\n"
        "“We have chosen peace,” he said."
    )
    (s,) = statements(body)
    assert s.speaker == "Tomas Berg"


def test_he_said_never_points_at_a_place_or_a_platform() -> None:
    body = (
        "The envoy, Tomas Berg, said on Monday that a truce around El Mira was possible. "
        "He wrote on his Truth Social platform that talks were going well.\n\n"
        "“Both sides are tired of this war,” he said."
    )
    assert [s.speaker for s in statements(body)] == ["Tomas Berg"]


def test_a_dateline_in_capitals_is_no_person() -> None:
    body = (
        "DEIR AL-BALAH, Gaza Strip (Northwire) — Shelling went on overnight.\n\n"
        "“Nobody sleeps here,” he said."
    )
    assert statements(body) == ()


@pytest.mark.parametrize(
    "titled",
    [
        "United States President Tomas Berg",
        "U.N. Secretary-General Tomas Berg",
        "Brig. Tomas Berg",
        "CIA Director Tomas Berg",
        "Qatari foreign ministry spokesman Tomas Berg",
    ],
)
def test_whatever_a_title_belongs_to_goes_with_it(titled: str) -> None:
    (s,) = statements(f"“The talks are over,” {titled} said.")
    assert s.speaker == "Tomas Berg"


def test_a_participle_phrase_before_a_titled_speaker_is_not_the_speaker() -> None:
    body = (
        "Turkish Foreign Minister Tomas Berg met his counterpart on Monday.\n\n"
        "Speaking to reporters in Ankara on Thursday, the Turkish foreign minister added: "
        "“Nobody should try to sabotage this evacuation.”"
    )
    assert [s.speaker for s in statements(body)] == ["Tomas Berg"]


def test_a_person_named_again_by_given_name_is_the_same_person() -> None:
    body = (
        "Prime Minister Tomas Berg of Vellmar urged both sides to stop on Monday.\n\n"
        "Tomas told reporters in the capital on Tuesday: “We are ready to talk.”\n\n"
        "“Nobody wants this to go on,” he added.\n\n"
        "“Aid cannot wait,” Mr. Tomas wrote on social media."
    )
    assert [s.speaker for s in statements(body)] == ["Tomas Berg"] * 3


def test_he_said_after_a_dated_sentence_about_the_speaker_takes_its_day() -> None:
    body = (
        "Prime Minister Tomas Berg thanked the mediators in a televised address on "
        "Wednesday night. “We have chosen peace,” he said."
    )
    (s,) = statements(body)
    assert (s.speaker, s.date) == ("Tomas Berg", dt.date(2024, 3, 13))


def test_an_organisations_initials_before_statement_are_the_organisation() -> None:
    body = (
        "The Vellmar Rescue Front (VRF) controls the north.\n\n"
        "“We are ready for any truce that protects civilians,” the VRF statement said."
    )
    (s,) = statements(body)
    assert s.speaker == "Vellmar Rescue Front"


def test_a_participle_before_the_speaker_is_not_the_speakers_verb() -> None:
    body = (
        "In a video posted on social media on Friday, the rebel leader, Tomas Berg, told "
        "his fighters: “Treat the people of the city as you would your own families.”"
    )
    assert [s.speaker for s in statements(body)] == ["Tomas Berg"]


def test_an_aide_is_a_title() -> None:
    (s,) = statements("Kremlin aide Tomas Berg said any talks were “out of the question.”")
    assert s.speaker == "Tomas Berg"


def test_that_day_is_the_day_of_the_sentence_before() -> None:
    body = (
        "Thousands fled the region on Sunday. In a televised address that day, the prime "
        "minister, Tomas Berg, said: “Our brothers and sisters will find a home here.”"
    )
    (s,) = statements(body)
    assert (s.speaker, s.date) == ("Tomas Berg", dt.date(2024, 3, 10))
