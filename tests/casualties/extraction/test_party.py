"""Who suffered the losses, read from the grammar of invented sentences."""

from __future__ import annotations

import datetime as dt

from casualties.extraction import extract

PUB = dt.datetime(2024, 3, 15, 12, tzinfo=dt.UTC)


def _parties(body: str) -> dict[int | None, str | None]:
    return {c.number or c.low: c.party for c in extract(body, PUB, outlet="Wire").casualties}


def test_the_attackers_demonym_is_not_the_victims_side() -> None:
    body = (
        "Ukraine and Russia traded fire on Friday.\n\n"
        "Russian shelling killed four civilians in the south, the regional governor said.\n\n"
        "Ukraine said its forces held the line."
    )
    assert _parties(body)[4] == "Ukraine"


def test_killed_in_the_attackers_bombardments_is_not_a_loss_in_the_attackers_country() -> None:
    for attack in ("bombardments", "bombings", "assaults", "mortar fire", "gunfire"):
        body = (
            "Chile and Peru traded fire on Friday.\n\n"
            f"More than 300 Peruvians have been killed in Chilean {attack} since May, "
            "the health ministry says."
        )
        assert _parties(body)[300] == "Peru", attack


def test_a_territory_with_its_own_authorities_is_learned_from_the_text() -> None:
    body = (
        "Fighting went on in the breakaway Northvale region on Friday.\n\n"
        "Northvale's health ministry said 17 people were killed in overnight strikes."
    )
    assert _parties(body)[17] == "Northvale"


def test_a_place_named_as_the_ministrys_adjective_is_a_territory_where_things_happen_in_it() -> (
    None
):
    body = (
        "Chile and Peru traded fire on Friday.\n\n"
        "The Northvale health ministry said 40 people were killed in Chilean strikes.\n\n"
        "About 9,000 people in Northvale have been displaced, the agency said."
    )
    assert _parties(body)[9000] == "Northvale"


def test_a_title_cased_headline_or_a_demonym_before_health_ministry_is_no_territory() -> None:
    body = (
        "Toll Rises According To The Valdoran Health Ministry\n\n"
        "Chile and Peru traded fire on Friday.\n\n"
        "About 9,000 people in the valley have been displaced, the agency said in The Hague."
    )
    assert _parties(body)[9000] in ("Chile", "Peru")


def test_the_storys_main_side_is_who_suffers_not_who_attacks() -> None:
    body = (
        "A Chilean missile strike hit a market in the Peruvian town of Arica on Monday.\n\n"
        "Chilean drones and Chilean artillery pounded the area overnight, and Chilean troops "
        "advanced, residents said.\n\n"
        "Twenty people were wounded, he added."
    )
    assert _parties(body)[20] == "Peru"


def test_its_troops_in_the_storys_own_voice_are_the_subjects() -> None:
    body = (
        "Chile and Peru clashed again on Friday.\n\n"
        "Peru's defence ministry gave a figure on Wednesday, acknowledging 98 deaths among its "
        "troops."
    )
    assert _parties(body)[98] == "Peru"


def test_the_claimant_reports_its_own_soldiers() -> None:
    body = "Peru and Chile clashed on Friday.\n\nChilean officials say 12 soldiers were killed."
    assert _parties(body)[12] == "Chile"


def test_captured_fighters_belong_to_the_other_side() -> None:
    body = (
        "Peru and Chile clashed again on Friday.\n\n"
        "Chile's defence ministry said 40 fighters had surrendered near the border.\n\n"
        "Peru denied it."
    )
    assert _parties(body)[40] == "Peru"


def test_a_whole_war_toll_is_both_sides() -> None:
    body = (
        "Peru and Chile agreed to talks on Friday.\n\n"
        "More than 3,000 people have been killed in the fighting, the agency said."
    )
    assert _parties(body)[3000] == "both"


def test_a_coordinated_figure_keeps_the_party_of_the_figure_before_it() -> None:
    body = "According to Chilean officials, 80 of their troops and 9 civilians have been killed."
    assert _parties(body) == {80: "Chile", 9: "Chile"}


def test_a_short_form_of_a_territory_is_the_same_party() -> None:
    body = (
        "Moldovan forces shelled the border villages on Friday. Moldova said it had been "
        "attacked first, and Moldovan officials promised to respond.\n\n"
        "Nova-Kastria's authorities denied that. Kastria's emergency service said three "
        "civilians were killed in the city on Saturday evening."
    )
    assert _parties(body)[3] == "Nova-Kastria"


def test_a_dateline_city_names_a_place_that_is_no_country() -> None:
    body = "Kastro City (AFP) - Jordanian strikes killed four people in Kastro, medics said."
    assert _parties(body)[4] == "Kastro"


def test_a_persons_forces_are_no_territory() -> None:
    body = (
        "Ivo Marek, a warlord, leads the revolt in Chile. Marek's forces said they had killed "
        "12 soldiers in Chile on Friday."
    )
    assert _parties(body)[12] == "Chile"


def test_coordinated_attackers_are_both_left_out() -> None:
    body = (
        "Bolivia said on Monday it would resist. Bolivian officials appealed to Bolivia's "
        "neighbours for help.\n\n"
        "Several thousand people fled the town as Chilean and Peruvian troops advanced, aid "
        "workers said. Chile and Peru denied it."
    )
    assert _parties(body)[3000] == "Bolivia"


def test_a_place_named_before_the_figure_in_a_where_clause() -> None:
    body = (
        "Chile and Peru agreed on Friday to a truce in Bolivia's Oruro province, where an "
        "offensive has displaced 90,000 people. Chile and Peru back opposite sides."
    )
    assert _parties(body)[90000] == "Bolivia"


def test_a_side_whose_military_speaks_is_no_attacker() -> None:
    body = (
        "Chile and Peru traded fire on Friday.\n\n"
        "Peru's military said Chilean missile strikes on nine sites in Peru had killed 31 "
        "civilians."
    )
    assert _parties(body)[31] == "Peru"


def test_a_source_that_did_the_killing_is_not_the_side_that_suffered_it() -> None:
    body = (
        "Chile and Peru traded fire on Friday, and Peru said it would answer.\n\n"
        "The Peruvian army said it had killed more than 200 militants in the hills."
    )
    assert _parties(body)[200] == "Chile"


def test_a_capital_visited_is_no_side_of_the_story() -> None:
    body = (
        "Peru's junta declared a truce on Wednesday. Its leader flew to Santiago on Thursday, "
        "met officials in Santiago, spoke to reporters in Santiago and left from Santiago.\n\n"
        "More than 6,000 civilians have been killed by the military since 2021, a monitoring "
        "group said."
    )
    assert _parties(body)[6000] == "Peru"


def test_the_place_of_an_attack_before_its_participle_is_where_the_losses_were() -> None:
    body = (
        "Chile and Peru traded fire on Friday. Chile said Peru had attacked first, and Chile "
        "said Peru would pay. Chile closed its border.\n\n"
        "Bombs hit a square about 60 km west of Lima on Tuesday, killing at least seven "
        "people, a photographer said."
    )
    assert _parties(body)[7] == "Peru"
