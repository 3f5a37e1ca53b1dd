"""Who acts for whom on an event's date (generator/rollup.py): posts by their dates, bodies by
their affiliations, up the chain, each body once."""

from __future__ import annotations


from generator.derive import derive_site
from generator.edtf import parse_edtf
from generator.load import load_corpus
from generator.model import Actor, Position
from generator.problems import Source
from generator.rollup import RollUp
from generator.validate import validate

from .conftest import SEEDS


def seeds_rollup() -> RollUp:
    return RollUp(validate(load_corpus(SEEDS)).actors)


def bodies(rollup: RollUp, actor_id: str, when: str) -> list[str]:
    return [a.body for a in rollup.acting(actor_id, parse_edtf(when))]


def test_araji_in_november_2024_acts_for_the_security_advisory_and_iraq() -> None:
    assert bodies(seeds_rollup(), "qasim-al-araji", "2024-11-10") == [
        "iraqi-national-security-advisory", "iraqi-government", "iraq"]


def test_araji_as_interior_minister_in_2017_acts_for_iraq() -> None:
    assert bodies(seeds_rollup(), "qasim-al-araji", "2017-06") == ["iraq"]


def test_the_november_2024_meeting_involves_iraq_and_iran() -> None:
    site = derive_site(validate(load_corpus(SEEDS)))
    meeting = site.events["2024-11-10-araji-araghchi-tehran"]
    assert meeting.actors == ("qasim-al-araji", "abbas-araghchi")
    assert {"iraq", "iran"} <= set(meeting.participants)
    assert site.actors["iran"].via["2024-11-10-araji-araghchi-tehran"] == "abbas-araghchi"
    assert "2024-11-10-araji-araghchi-tehran" in site.actors["iran"].events


def actor(actor_id: str, kind: str = "person", positions: tuple = (),
          affiliations: tuple = ()) -> Actor:
    return Actor(actor_id, kind, actor_id, actor_id, (), (), positions, affiliations, "", "", None,
                 Source("actors.yml"))


def post(of: str, start: str | None, end: str | None) -> Position:
    return Position("منصب", of, parse_edtf(start) if start else None,
                    parse_edtf(end) if end else None)


def test_a_person_whose_allegiance_changes_acts_for_whom_they_served_then() -> None:
    """A commander of one group until mid-2020, then an official of a state: an event in 2019
    counts for the group, one in 2022 for the state, one dated only "2020" for both (uncertain
    dates take every post that overlaps them), and a year with no post falls back on the
    person's affiliations."""
    rollup = RollUp({
        "defector": actor("defector", positions=(post("group", "2015", "2020-06"),
                                                 post("ministry", "2020-07", None)),
                          affiliations=("party",)),
        "group": actor("group", "armed-group"),
        "ministry": actor("ministry", "ministry", affiliations=("state",)),
        "state": actor("state", "state"),
        "party": actor("party", "party"),
    })
    assert bodies(rollup, "defector", "2019-03-01") == ["group"]
    assert bodies(rollup, "defector", "2022-01-01") == ["ministry", "state"]
    assert bodies(rollup, "defector", "2020") == ["group", "ministry", "state"]
    assert bodies(rollup, "defector", "2010") == ["party"]
    acting = rollup.acting("defector", parse_edtf("2019"))
    assert [(a.via, a.how) for a in acting] == [("defector", "position")]


def test_affiliations_in_a_loop_are_walked_once() -> None:
    rollup = RollUp({
        "a": actor("a", "group", affiliations=("b",)),
        "b": actor("b", "group", affiliations=("c",)),
        "c": actor("c", "group", affiliations=("a",)),
    })
    assert bodies(rollup, "a", "2024") == ["b", "c"]


def test_bodies_an_event_names_itself_are_not_repeated() -> None:
    rollup = seeds_rollup()
    acting = rollup.event(("qasim-al-araji", "iraq"), parse_edtf("2024-11-10"))
    assert [a.body for a in acting] == ["iraqi-national-security-advisory", "iraqi-government"]
