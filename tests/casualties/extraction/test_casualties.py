"""Casualty claims from invented sentences: figures, categories, attribution, exclusions."""

from __future__ import annotations

import datetime as dt

import pytest

from casualties.extraction import CasualtyClaim, extract

PUBLISHED = dt.datetime(2024, 3, 15, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))  # Friday
PUB = PUBLISHED.date()


def claims(body: str, outlet: str | None = "Northwire") -> tuple[CasualtyClaim, ...]:
    return extract(body, PUBLISHED, outlet=outlet).casualties


def only(body: str) -> CasualtyClaim:
    found = claims(body)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("body", "number", "category", "population"),
    [
        ("Officials said 14 soldiers were killed in the ambush.", 14, "killed", "troops"),
        ("The blast killed nine civilians, police said.", 9, "killed", "civilians"),
        ("At least 40 people were wounded, medics said.", 40, "wounded", "unspecified"),
        ("Twelve sailors are still missing, the navy said.", 12, "missing", "troops"),
        (
            "More than 3,000 residents have fled the town, the agency said.",
            3000,
            "displaced",
            "civilians",
        ),
        ("The rebels said they had taken 8 soldiers prisoner.", 8, "captured", "troops"),
        ("The clashes left 23 people dead, the mayor said.", 23, "killed", "unspecified"),
        ("The governor said the death toll had risen to 31.", 31, "killed", "unspecified"),
        ("The group has recorded more than 500 deaths.", 500, "killed", "unspecified"),
    ],
)
def test_figure_shapes_give_category_and_population(
    body: str, number: int, category: str, population: str
) -> None:
    c = only(body)
    assert (c.number, c.category, c.population) == (number, category, population)


def test_one_sentence_can_hold_several_claims_with_an_elided_noun() -> None:
    found = claims("The ministry said 12 civilians were killed and 30 wounded in the raid.")
    assert [(c.number, c.category, c.population) for c in found] == [
        (12, "killed", "civilians"),
        (30, "wounded", "civilians"),
    ]


def test_breakdown_is_a_record_of_its_own() -> None:
    found = claims(
        "A drone hit the market, killing 20 people, including six children, officials said."
    )
    assert [(c.number, c.population) for c in found] == [(20, "unspecified"), (6, "children")]
    assert found[1].claimant == "officials"


@pytest.mark.parametrize(
    ("body", "claimant"),
    [
        (
            "According to the Valdoran health ministry, 88 people have been killed.",
            "Valdoran health ministry",
        ),
        ("Valdoran officials said 88 people have been killed.", "Valdoran officials"),
        ("88 people have been killed, the Valdoran army said.", "Valdoran army"),
        ("The regional governor says 88 people have been killed.", "regional governor"),
        ("Rescuers pulled out bodies all night and 88 people have been killed.", "Northwire"),
    ],
)
def test_claimant_comes_from_the_attribution(body: str, claimant: str) -> None:
    c = only(body)
    assert c.claimant == claimant
    assert c.claimant_is_outlet == (claimant == "Northwire")


def test_superseded_figure_is_not_a_claim() -> None:
    found = claims("The ministry raised the toll to 57, from the 41 it had reported on Monday.")
    assert [c.number for c in found] == [57]


@pytest.mark.parametrize(
    "body",
    [
        "The army said 31 civilians had been killed, raising its earlier count of 26 dead.",
        "The junta said 31 people had been killed, up from a death toll of 26 it gave on Monday.",
    ],
)
def test_a_figure_named_as_an_earlier_count_is_superseded(body: str) -> None:
    assert [c.number for c in claims(body)] == [31]


def test_corrected_figure_is_not_a_claim() -> None:
    body = (
        "Officials said 75 people were wounded.\n\n"
        "This story has been corrected to show 75, not 57."
    )
    assert [c.number for c in claims(body)] == [75]


def test_figure_about_another_war_is_not_a_claim() -> None:
    body = "It is the worst fighting since a 1998-2001 war that killed some 40,000 people."
    assert claims(body) == ()


@pytest.mark.parametrize(
    "body",
    [
        "The last full-scale war between the two, in 2006, killed about 1,200 people.",
        "A war in the early 1990s, when the region broke away, killed about 1,000 people.",
        "Clashes around the temple between 2008 and 2011 killed at least 28 people.",
        "In the late 1980s, the army crushed an uprising in which thousands were killed.",
        "It recalled Cyclone Delia in 2008, which killed about 138,000 people.",
        "It is the fiercest fighting since the assault on the port in November 2004, in which "
        "more than 80 soldiers were killed.",
        "The rebels grew out of militias in the west, where a conflict that began in 2003 "
        "killed an estimated 300,000 people.",
        "Before the war, hundreds of thousands of people had fled the region.",
        "The group carried out a truck bombing in the capital in October 2017 that killed "
        "more than 500 people.",
        "The north has been in turmoil since a previous rebellion in 2012, when fighters "
        "overran the region and killed about 100 soldiers.",
    ],
)
def test_a_toll_of_another_period_is_not_a_claim(body: str) -> None:
    assert claims(body) == ()


@pytest.mark.parametrize(
    "body",
    [
        "The war that began in 2022 has killed 5,000 people, officials said.",
        "Since the conflict began in 2011, more than 300,000 people have been killed.",
        "Officials say 6,000 civilians have been killed since the army seized power in 2021.",
    ],
)
def test_the_start_of_the_current_war_is_no_other_period(body: str) -> None:
    assert len(claims(body)) == 1


@pytest.mark.parametrize(
    "follow_up",
    [
        "That conflict killed an estimated 25,000 people.",
        "That war left some 25,000 people dead.",
        "Those earlier clashes killed about 25,000 people.",
    ],
)
def test_a_toll_pointing_back_to_another_war_is_not_a_claim(follow_up: str) -> None:
    body = (
        "The rebels have held the valley since a separatist war ended in 1996. "
        f"{follow_up} Officials said on Monday that 14 soldiers had been killed this week."
    )
    assert [c.number for c in claims(body)] == [14]


def test_released_hostages_are_not_a_claim() -> None:
    assert claims("The group was to free 30 of the hostages on Sunday.") == ()


def test_running_total_is_as_of_publication_with_period_start() -> None:
    c = only("Officials say 300 soldiers have been killed since Feb. 2.")
    assert (c.as_of, c.period_start, c.cumulative) == (PUB, dt.date(2024, 2, 2), True)


def test_dated_remark_gives_as_of_that_day() -> None:
    c = only("The army said Wednesday that 19 soldiers were killed.")
    assert c.as_of == dt.date(2024, 3, 13)


def test_incident_day_gives_as_of() -> None:
    c = only("A shell hit the square on Tuesday, killing 11 people, officials said.")
    assert c.as_of == dt.date(2024, 3, 12)


def test_vague_period_gives_no_as_of() -> None:
    c = only("An air raid in January killed 16 people, aid workers said.")
    assert c.as_of is None


def test_party_from_possessive_follows_the_claimant() -> None:
    c = only("According to Ukrainian officials, 120 of their soldiers have been killed.")
    assert c.party == "Ukraine"


def test_party_from_demonym_in_the_victims() -> None:
    c = only("Kyiv said about 70 Russian soldiers were killed in the strike.")
    assert c.party == "Russia"


def test_evidence_is_the_exact_sentence_with_offsets() -> None:
    body = "Rain fell.\n\nOfficials said 14 soldiers were killed.\n\nMore later."
    c = only(body)
    assert body[c.evidence.start : c.evidence.end] == c.evidence.text
    assert body[c.figure.start : c.figure.end] == "14"


def test_trailing_along_with_shares_the_predicate_of_the_figure_before() -> None:
    found = claims(
        "According to Ruritanian officials, 412 of their soldiers have been killed since "
        "March 2, along with more than 25 civilians."
    )
    assert [(c.number, c.category, c.population, c.qualifier) for c in found] == [
        (412, "killed", "troops", "exact"),
        (25, "killed", "civilians", "more_than"),
    ]


def test_trailing_as_well_as_needs_the_end_of_the_clause() -> None:
    found = claims(
        "Medics said 60 fighters were wounded in the assault, as well as 12 villagers "
        "who had stayed behind to guard the wells."
    )
    assert [(c.number, c.category) for c in found] == [(60, "wounded")]


def test_a_verb_qualifier_links_a_toll_to_its_figure() -> None:
    c = only("The governor said Tuesday that the death toll from the fighting neared 2,300.")
    assert (c.number, c.qualifier, c.category) == (2300, "nearly", "killed")


def test_a_short_place_phrase_between_noun_and_predicate_is_skipped() -> None:
    c = only("Dozens of villagers in the northern hills have been killed.")
    assert (c.low, c.category, c.population) == (24, "killed", "civilians")


def rows(body: str) -> list[tuple[object, ...]]:
    return [(c.number, c.category, c.population) for c in claims(body)]


def test_a_toll_figure_can_take_a_day_after_it() -> None:
    assert rows("The toll from the strike rose to four on Tuesday, officials said.") == [
        (4, "killed", "unspecified")
    ]
    assert rows(
        "The regional office put the toll at more than 2,100 on Sunday, including 700 children."
    ) == [(2100, "killed", "unspecified"), (700, "killed", "children")]


def test_earlier_fighting_is_neither_a_correction_nor_another_war() -> None:
    body = "A mine left over from earlier fighting killed two farmers and wounded three others."
    assert rows(body) == [(2, "killed", "civilians"), (3, "wounded", "civilians")]


def test_earlier_reports_are_still_superseded() -> None:
    body = "Officials earlier reported 14 dead, but the toll now stands at 19."
    assert [c.number for c in claims(body)] == [19]


def test_believed_to_be_missing_and_for_are_no_obstacle() -> None:
    c = only("Divers searched the lake for up to 12 people believed to be missing.")
    assert (c.number, c.qualifier, c.category) == (12, "up_to", "missing")


def test_exchanged_for_prisoners_is_no_casualty_figure() -> None:
    assert claims("The rebels freed two pilots in exchange for 50 prisoners.") == ()


def test_a_predicate_in_quotation_marks() -> None:
    body = "The army said 140 fighters had “laid down their arms,” 30 of them badly wounded."
    assert rows(body) == [(140, "captured", "troops"), (30, "wounded", "troops")]


def test_wounded_taken_to_hospital_are_wounded_not_captured() -> None:
    body = (
        "Officials said 40 seriously wounded soldiers had been taken by ambulance to the capital."
    )
    assert rows(body) == [(40, "wounded", "troops")]


def test_a_dozen_of_the_wounded_is_a_subset() -> None:
    assert rows("A doctor said a dozen of the wounded were children.") == [
        (12, "wounded", "children")
    ]


def test_the_toll_names_its_group_and_an_elided_figure_takes_the_total_group() -> None:
    assert rows("The civilian death toll has risen to 310, with more than 900 wounded.") == [
        (310, "killed", "civilians"),
        (900, "wounded", "civilians"),
    ]
    assert rows(
        "The death toll in the city rose to 80, including 20 children, with more than 300 wounded."
    ) == [
        (80, "killed", "unspecified"),
        (20, "killed", "children"),
        (300, "wounded", "unspecified"),
    ]


def test_the_territory_in_a_claimant_is_named() -> None:
    body = (
        "The health ministry in Faction-run Kastro said on Friday that the fighting went on. "
        "The territory's media office put the toll at more than 900 on Friday."
    )
    (c,) = claims(body)
    assert (c.number, c.claimant, c.party) == (900, "Kastro media office", "Kastro")


def test_since_a_month_is_a_running_total_as_of_publication() -> None:
    c = only("Strikes have killed dozens of civilians in the north since mid-January.")
    assert (c.low, c.as_of, c.cumulative) == (24, PUB, True)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "More than 14,800 people, including 6,000 children, have been killed, "
            "the ministry said.",
            [(14800, "unspecified"), (6000, "children")],
        ),
        (
            "The agency says 1.7 million people in the province, about three-quarters of its "
            "population, have been displaced.",
            [(1700000, "unspecified")],
        ),
    ],
)
def test_an_apposition_between_the_figure_and_its_verb(
    body: str, expected: list[tuple[int, str]]
) -> None:
    assert [(c.number, c.population) for c in claims(body)] == expected


@pytest.mark.parametrize(
    ("body", "categories"),
    [
        ("Officials put the figure at over 100,000 killed and wounded.", ["killed_or_wounded"]),
        ("Officials said 300 soldiers were killed and injured.", ["killed_or_wounded"]),
        ("Officials said 12 people were killed and 20 wounded.", ["killed", "wounded"]),
    ],
)
def test_killed_and_wounded_with_one_figure_is_one_fused_figure(
    body: str, categories: list[str]
) -> None:
    assert [c.category for c in claims(body)] == categories


@pytest.mark.parametrize(
    "source",
    [
        "One doctor at a hospital in the regional capital, Vellmar,",
        "Officials in the town, Vellmar,",
    ],
)
def test_a_name_after_a_place_noun_is_part_of_the_claimant_not_all_of_it(source: str) -> None:
    c = only(f"{source} said 40 people were killed in the air strike.")
    assert c.claimant is not None and c.claimant.endswith("Vellmar")
    assert c.claimant != "Vellmar" and not c.claimant_is_outlet


def test_a_coordinated_clause_with_its_own_source_is_not_given_the_earlier_clauses() -> None:
    body = (
        "More than 850 civilians have been killed since April, according to the doctors' "
        "union, and over a million people have fled their homes, the agency says."
    )
    assert [(c.number, c.claimant) for c in claims(body)] == [
        (850, "doctors' union"),
        (1000000, "agency"),
    ]


def test_a_subset_of_them_takes_its_own_group() -> None:
    found = claims("Officials said 175 people had been killed, more than 40 of them soldiers.")
    assert [(c.number, c.population) for c in found] == [(175, "unspecified"), (40, "troops")]


@pytest.mark.parametrize(
    ("body", "claimant"),
    [
        (
            "His hospital has treated more than 600 wounded people, among them 85 children, "
            "said Dr. Tomas Berg, a surgeon.",
            "Dr. Tomas Berg",
        ),
        (
            "The Vellmar Rights Group, a monitor, puts the toll higher, at 974 dead.",
            "Vellmar Rights Group",
        ),
        (
            "The army, backed by militias from the north, said its strikes had killed dozens "
            "of fighters.",
            "army",
        ),
        (
            "A doctor at the main hospital in the east of the city, Tomas Berg, said 37 "
            "wounded civilians had been brought in.",
            "Tomas Berg",
        ),
        (
            "According to U.N. figures obtained by Northwire, nearly 6,500 civilians were killed.",
            "U.N. figures",
        ),
    ],
)
def test_the_claimant_is_the_subject_of_its_verb(body: str, claimant: str) -> None:
    assert {c.claimant for c in claims(body)} == {claimant}


@pytest.mark.parametrize(
    ("body", "claimant"),
    [
        (
            "At least 610 people have been killed, Vellmar's Health Ministry said Tuesday, up "
            "from the 450 deaths it reported on Sunday.",
            "Vellmar's Health Ministry",
        ),
        (
            "At least 378 civilians were killed on Sunday, Tomas Berg, a government doctor "
            "working at a field hospital, said Monday.",
            "Tomas Berg",
        ),
        (
            "A doctor at al-Hadi hospital, the city's largest, told Northwire that nine "
            "civilians had been killed.",
            "doctor at al-Hadi hospital",
        ),
    ],
)
def test_what_follows_a_verb_or_ranks_a_place_is_not_the_claimant(body: str, claimant: str) -> None:
    assert {c.claimant for c in claims(body)} == {claimant}


def test_the_ministry_is_the_ministry_the_story_named_in_full() -> None:
    body = (
        "Vellmar's health ministry reported heavy losses on Thursday.\n\n"
        "Another 38 soldiers and 35 civilians have been wounded, the ministry said."
    )
    assert {c.claimant for c in claims(body)} == {"Vellmar's health ministry"}


def test_a_disasters_toll_is_not_a_claim() -> None:
    body = (
        "The earthquake struck the centre of the country on Friday. On Thursday, the junta "
        "said that 3,085 people had been killed and 341 were still missing.\n\n"
        "Air strikes on two villages killed 12 civilians on Wednesday, the rebels said."
    )
    assert [c.number for c in claims(body)] == [12]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The fighting has forced nearly 550,000 people from their homes, the agency says.",
            (550000, "displaced", "unspecified"),
        ),
        (
            "The war has driven some 3.5 million people from their homes, the agency says.",
            (3500000, "displaced", "unspecified"),
        ),
        (
            "More than 400 Aris militants have been killed in the Old City, the army said.",
            (400, "killed", "troops"),
        ),
        (
            "The UN said at least 231 civilians had been shot dead in little more than a week.",
            (231, "killed", "civilians"),
        ),
        (
            "Gunmen opened fire on the convoy, killing one person, the civil defence said.",
            (1, "killed", "unspecified"),
        ),
        (
            "Fourteen soldiers serving with the U.N. peacekeeping mission were killed in the "
            "fighting, the army said.",
            (14, "killed", "troops"),
        ),
        (
            "Officials say more than 30,000 refugees have crossed into the neighbouring region.",
            (30000, "displaced", "civilians"),
        ),
    ],
)
def test_more_shapes_of_a_casualty_figure(body: str, expected: tuple[int, str, str]) -> None:
    c = only(body)
    assert (c.number, c.category, c.population) == expected


def test_forced_with_no_home_left_behind_is_no_displacement() -> None:
    assert claims("The rebels forced 300 soldiers to retreat, the army said.") == ()


def test_a_figure_continuing_a_running_total_is_dated_with_it() -> None:
    body = (
        "At least 300 people have been killed in Vellmar since the rebels began firing at "
        "the border in October last year, and nearly 1,500 wounded, according to the ministry."
    )
    assert [(c.number, c.as_of) for c in claims(body)] == [(300, PUB), (1500, PUB)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The war has killed more than half a million people, the monitor says.",
            [(500000, "killed")],
        ),
        ("Half a dozen soldiers were wounded, the army said.", [(6, "wounded")]),
        (
            "The governor said on Aug. 23 that 31 civilians had been killed in the region.",
            [(31, "killed")],
        ),
        (
            "The monitor said the dead included 44 civilians, 11 of them children.",
            [(44, "killed"), (11, "killed")],
        ),
        (
            "Five peacekeepers were killed when their vehicle came under fire, the army said.",
            [(5, "killed")],
        ),
        (
            "More than 28,000 people had crossed the border by Tuesday evening, officials said.",
            [(28000, "displaced")],
        ),
        ("The ministry had initially put the toll at 35.", []),
        ("The government has prepared accommodation for 40,000 refugees.", []),
        ("Officials said 3,000 troops had crossed the border overnight.", []),
    ],
)
def test_figures_read_as_news_copy_means_them(body: str, expected: list[tuple[int, str]]) -> None:
    assert [(c.number, c.category) for c in claims(body)] == expected
