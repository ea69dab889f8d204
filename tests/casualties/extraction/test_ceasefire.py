"""Cease-fire events from invented sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from casualties.extraction import extract

PUBLISHED = dt.datetime(2024, 3, 13, 18, 0, tzinfo=dt.UTC)  # Wednesday


def events(body: str) -> list[tuple[str, dt.date | None, str | None]]:
    found = extract(body, PUBLISHED).ceasefire_events
    return [(e.kind, e.date, e.broker) for e in found]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Chile and Peru agreed on Tuesday to a ceasefire along the border.",
            ("agreed", dt.date(2024, 3, 12), None),
        ),
        (
            "The truce took effect at noon on Monday.",
            ("took_effect", dt.date(2024, 3, 11), None),
        ),
        (
            "Both sides accused each other on Wednesday of violating the truce.",
            ("violated", dt.date(2024, 3, 13), None),
        ),
        (
            "The foreign ministers are scheduled to meet for ceasefire talks on Friday.",
            ("talks_scheduled", dt.date(2024, 3, 15), None),
        ),
        (
            "Norway hosted talks between the two sides on ceasefire terms on Monday.",
            ("talks_held", dt.date(2024, 3, 11), "Norway"),
        ),
        (
            "Egyptian President Omar Hassan called for a ceasefire on Sunday.",
            ("proposed", dt.date(2024, 3, 10), "Egypt"),
        ),
    ],
)
def test_event_kinds_and_dates(body: str, expected: tuple[str, dt.date | None, str | None]) -> None:
    assert events(body)[0] == expected


def test_brokered_truce_names_the_broker() -> None:
    body = "A Qatari-brokered truce frayed immediately after it took effect Monday."
    assert ("took_effect", dt.date(2024, 3, 11), "Qatar") in events(body)
    assert ("violated", dt.date(2024, 3, 11), "Qatar") in events(body)


def test_generic_calls_for_a_truce_are_no_event() -> None:
    assert events("Fighting raged despite international calls for a ceasefire.") == []


def test_subordinate_clause_without_a_day_is_no_event() -> None:
    assert [k for k, _, _ in events("Two truces frayed immediately after entering force.")] == [
        "violated"
    ]


def test_unilateral_truce_has_no_broker() -> None:
    body = "The government has declared a unilateral ceasefire in the north."
    assert events(body) == [("agreed", dt.date(2024, 3, 13), None)]


WED = dt.date(2024, 3, 13)
MON, TUE, FRI = dt.date(2024, 3, 11), dt.date(2024, 3, 12), dt.date(2024, 3, 15)


def test_a_comparison_with_earlier_truces_says_they_failed_too() -> None:
    body = (
        "A Qatari-brokered truce frayed immediately after it took effect Monday, just like "
        "two previous truces negotiated by Egypt."
    )
    assert events(body) == [
        ("violated", MON, "Qatar"),
        ("took_effect", MON, "Qatar"),
        ("violated", None, "Egypt"),
    ]


def test_the_story_broker_is_not_taken_from_an_earlier_pause() -> None:
    body = (
        "Earlier this month, a pause in the fighting negotiated by Norway let the wounded "
        "leave. The army said on Monday that a ceasefire had been agreed."
    )
    assert events(body) == [("agreed", MON, None)]


def test_the_story_broker_comes_from_an_event_that_names_it() -> None:
    body = (
        "The ceasefire took effect on Monday. The two leaders held indirect talks in Oslo "
        "on Tuesday, with Danish and Swedish officials shuttling between them."
    )
    assert events(body) == [
        ("took_effect", MON, "Denmark and Sweden"),
        ("talks_held", TUE, "Denmark and Sweden"),
    ]


def test_the_subject_hosts_talks_it_holds_by_hosting() -> None:
    body = (
        "OSLO — Norway moved to end the worst fighting in the valley in decades by hosting "
        "ceasefire talks on Tuesday."
    )
    assert events(body) == [("talks_held", TUE, "Norway")]


def test_talks_named_as_the_subject_or_later_in_the_clause() -> None:
    body = (
        "Ceasefire talks in the southern port, on reopening roads around the besieged old "
        "town, ended on Tuesday without agreement. On Monday, the Norwegian foreign minister "
        "hosted envoys from the two capitals for another round of separate talks."
    )
    assert events(body) == [("talks_held", TUE, "Norway"), ("talks_held", MON, "Norway")]


def test_talks_with_the_co_chairs_of_a_mediating_group() -> None:
    body = (
        "The truce has not held. Chile, Peru and Norway co-chair the so-called Andes Group, "
        "set up by the Organization for Security and Cooperation in Europe to mediate the "
        "conflict. Top diplomats from the three countries are scheduled to meet the two "
        "foreign ministers on Friday for talks."
    )
    assert events(body) == [("talks_scheduled", FRI, "OSCE Andes Group")]


def test_accusations_of_violations_in_a_truce_story() -> None:
    body = (
        "The truce took effect on Sunday. Both sides have accused each other of repeated "
        "violations, and shelling was reported late Monday."
    )
    assert ("violated", MON, None) in events(body)
    other = "The truce took effect on Sunday. They accused each other of rights violations."
    assert [k for k, _, _ in events(other)] == ["took_effect"]


def test_a_proposal_told_again_without_a_day_is_the_same_event() -> None:
    body = (
        "Late Tuesday, Chilean President Ana Soto called for a ceasefire. Chilean officials "
        "said Soto proposed a ceasefire to exchange prisoners."
    )
    assert events(body) == [("proposed", TUE, "Chile")]


def test_since_a_date_before_the_verb_is_no_subordinate_clause() -> None:
    body = (
        "The deal held. A string of earlier truces announced since Feb. 2 collapsed within hours."
    )
    assert ("violated", None, None) in events(body)


def test_a_subordinate_trigger_takes_a_day_only_from_its_own_clause() -> None:
    body = (
        "The toll from shelling on Saturday, hours before the truce began, rose to four on Monday."
    )
    assert events(body) == []


def test_a_period_until_a_day_is_not_the_day_of_the_event() -> None:
    body = (
        "A statement on Monday said the truce would take effect immediately and last until "
        "the end of the harvest season in October."
    )
    assert events(body) == [("took_effect", MON, None)]


def test_a_violation_without_a_day_has_none() -> None:
    body = (
        "Two truces brokered by Chile frayed immediately after entering force, and the sides "
        "have kept shelling each other."
    )
    assert events(body) == [("violated", None, "Chile")]


def test_a_truce_described_with_an_indefinite_article_is_not_the_story_truce() -> None:
    body = (
        "Norway brokered the ceasefire deal on Tuesday. Fighting resumed in late January, "
        "shattering a humanitarian truce that had held since the autumn."
    )
    assert events(body) == [("agreed", TUE, "Norway"), ("violated", None, None)]


def test_the_stories_broker_is_never_one_of_the_sides() -> None:
    body = (
        "Norway hosted talks on Tuesday between the foreign ministers of Chile and Peru, "
        "officials said.\n\nEarlier truces collapsed within hours."
    )
    found = extract(body, PUBLISHED).ceasefire_events
    assert [(e.kind, e.parties) for e in found] == [
        ("talks_held", ("Chile", "Peru")),
        ("violated", ("Chile", "Peru")),
    ]


def parties(body: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.kind, e.parties) for e in extract(body, PUBLISHED).ceasefire_events]


def test_a_venue_is_no_side() -> None:
    body = (
        "LA PAZ, March 13 (Newswire) - In the Bolivian capital, Chile and Peru agreed on "
        "Tuesday to a ceasefire along the border.\n\n"
        "In the Uruguayan city of Salto, negotiators from Chile and Peru held talks on Monday."
    )
    assert parties(body) == [
        ("agreed", ("Chile", "Peru")),
        ("talks_held", ("Chile", "Peru")),
    ]


def test_an_event_naming_no_side_takes_the_sides_the_story_names_most() -> None:
    body = (
        "Aid convoys reached Lima from Ecuador on Monday.\n\n"
        "Chile accused Peru of shelling border towns, and Peru said Chilean drones had hit "
        "a depot. Chile and Peru have fought since January.\n\n"
        "The truce took effect at noon on Monday."
    )
    ((kind, sides),) = parties(body)
    assert (kind, set(sides)) == ("took_effect", {"Chile", "Peru"})


def test_a_unilateral_truce_has_the_declaring_side_alone_and_so_does_what_follows() -> None:
    body = (
        "Peru declared a unilateral ceasefire on Monday in its war with Chile.\n\n"
        "The truce took effect at noon on Tuesday.\n\n"
        "Chilean officials accused Peruvian troops on Wednesday of violating the ceasefire."
    )
    assert parties(body) == [
        ("agreed", ("Peru",)),
        ("took_effect", ("Peru",)),
        ("violated", ("Peru",)),
    ]


def test_a_proposer_said_to_mediate_and_its_co_mediators_are_no_sides() -> None:
    body = (
        "Norway, which co-chairs international mediation with Brazil and Canada, proposed "
        "a new humanitarian truce on Monday.\n\n"
        "Chile and Peru have fought over the border since January.\n\n"
        "The truce took effect at noon on Tuesday."
    )
    kind, sides = parties(body)[-1]
    assert (kind, set(sides)) == ("took_effect", {"Chile", "Peru"})


def test_a_led_mediation_names_the_broker() -> None:
    body = (
        "The truce, agreed by both sides on Monday after two days of Norwegian-led mediation, held."
    )
    assert events(body)[0][2] == "Norway"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Chile agreed on Tuesday to a Norwegian-brokered ceasefire, hours after its "
            "president ordered a halt to military operations.",
            ("agreed", dt.date(2024, 3, 12), "Norway"),
        ),
        (
            "An Angola-brokered ceasefire between Chile and Peru collapsed on Monday.",
            ("violated", dt.date(2024, 3, 11), "Angola"),
        ),
        (
            "Chile and Peru agreed on Saturday to halt all military action along the border.",
            ("agreed", dt.date(2024, 3, 9), None),
        ),
        (
            "Peruvian officials accused Chile on Tuesday of breaking the truce.",
            ("violated", dt.date(2024, 3, 12), None),
        ),
        (
            "The rebels who seized the town last week began a unilateral ceasefire on Tuesday.",
            ("took_effect", dt.date(2024, 3, 12), None),
        ),
        (
            "The president announced the truce late Monday in a post on social media.",
            ("agreed", dt.date(2024, 3, 11), None),
        ),
    ],
)
def test_more_ways_news_copy_tells_a_truce(
    body: str, expected: tuple[str, dt.date | None, str | None]
) -> None:
    assert events(body) == [expected]


def test_a_truce_described_by_its_announcement_is_no_new_agreement() -> None:
    body = "A string of earlier truces announced since April 15 collapsed within hours."
    assert [kind for kind, _, _ in events(body)] == ["violated"]


def test_the_uns_personal_envoy_is_a_broker() -> None:
    body = (
        "The truce between Chile and Peru held on Tuesday.\n\n"
        "The UN’s personal envoy, Tomas Berg, is due to hold talks with both sides in Geneva "
        "on Friday."
    )
    assert events(body)[-1] == ("talks_scheduled", dt.date(2024, 3, 15), "United Nations")


def test_a_leads_undated_breach_is_the_breach_dated_later() -> None:
    body = (
        "Chile and Peru agreed on Saturday to halt all military action, but within hours "
        "each accused the other of breaking the truce.\n\n"
        "The ceasefire took effect at 5 p.m. Lima time (2200 GMT), officials said.\n\n"
        "Both countries accused each other of breaching the truce on Saturday night."
    )
    assert [(k, d) for k, d, _ in events(body)] == [
        ("agreed", dt.date(2024, 3, 9)),
        ("took_effect", dt.date(2024, 3, 13)),
        ("violated", dt.date(2024, 3, 9)),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hopes of a truce are fading. Chile and Peru brokered an initial agreement late "
            "on Monday, but it collapsed on Tuesday as shelling resumed.",
            [
                ("agreed", dt.date(2024, 3, 11), "Chile and Peru"),
                ("violated", dt.date(2024, 3, 12), "Chile and Peru"),
            ],
        ),
        (
            "The truce is fragile. The envoy said the ministers would meet in Quito on Friday.",
            [("talks_scheduled", dt.date(2024, 3, 15), None)],
        ),
        (
            "The truce is fragile. The envoy said a further round of talks would be held at "
            "the end of the month.",
            [("talks_scheduled", None, None)],
        ),
        (
            "Chile accused Peru of firing missiles on Tuesday, hours after the ceasefire began.",
            [("violated", dt.date(2024, 3, 12), None)],
        ),
        (
            "A ceasefire signed by the two sides in Quito in May last year, under Brazilian and "
            "Argentine mediation, collapsed within days.",
            [("violated", None, "Brazil and Argentina")],
        ),
    ],
)
def test_truces_told_in_other_words(
    body: str, expected: list[tuple[str, dt.date | None, str | None]]
) -> None:
    assert events(body) == expected


def test_background_about_another_truce_lends_the_story_no_broker() -> None:
    body = (
        "The rebels began a unilateral ceasefire on Tuesday.\n\n"
        "A local official accused the rebels on Tuesday of breaking their own truce.\n\n"
        "An Angola-brokered ceasefire between Chile and Peru collapsed late last year."
    )
    assert [b for _, _, b in events(body)][:2] == [None, None]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Chile and Peru have fought since January. The president of Brazil on Monday "
            "renewed his call for an immediate ceasefire between them.",
            ("proposed", dt.date(2024, 3, 11)),
        ),
        (
            "The ceasefire was agreed on Wednesday through the command of the Brazilian "
            "peacekeeping contingent.",
            ("agreed", dt.date(2024, 3, 13)),
        ),
    ],
)
def test_calls_and_commands(body: str, expected: tuple[str, dt.date]) -> None:
    kind, date, broker = events(body)[0]
    assert (kind, date) == expected
    assert broker == "Brazil"


def test_signatories_named_together_agree_and_a_call_to_agree_is_a_proposal() -> None:
    body = (
        "President Tomas Berg and the rebel commander, Ana Ruiz, signed the ceasefire deal "
        "in Quito on Monday.\n\n"
        "Brazil's foreign ministry on Tuesday urged the two sides to agree to an immediate "
        "ceasefire."
    )
    assert [(k, d) for k, d, _ in events(body)] == [
        ("agreed", dt.date(2024, 3, 11)),
        ("proposed", dt.date(2024, 3, 12)),
    ]


def test_a_truce_in_a_relative_clause_with_no_day_of_its_own_starts_nothing_new() -> None:
    body = (
        "The government accused the rebels on Thursday of violating a cease-fire that took "
        "effect only a week earlier."
    )
    assert [k for k, _, _ in events(body)] == ["violated"]


def test_it_took_effect_that_day_is_the_truce_before_on_its_day() -> None:
    body = (
        "The rebels declared a ceasefire on Monday. It took effect at 1 p.m. local time "
        "(1000 GMT) that day, their spokesman said."
    )
    assert [(k, d) for k, d, _ in events(body)] == [
        ("agreed", dt.date(2024, 3, 11)),
        ("took_effect", dt.date(2024, 3, 11)),
    ]
