"""The actor and place registry as stored in the database, and its seed data.

The extractor returns names as the article spells them (its gold format asks for the
article's own spelling); this module resolves them to canonical ``Actor`` rows through the
alias table, creating unknown names as actors pending review instead of dropping them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from casualties.extraction.registry import fold

SEED_FILE = Path(__file__).resolve().parent / "data" / "registry_seed.json"
WORLD_FILE = Path(__file__).resolve().parent / "extraction" / "data" / "world.json"


def seed_data() -> dict[str, Any]:
    """Generic world knowledge plus the actors and places of the sample wars."""
    world = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    seed = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    actors = [{**c, "kind": "country", "country": None} for c in world.get("countries", [])] + [
        {**o, "kind": o.get("kind", "organisation")} for o in world.get("organisations", [])
    ]
    actors += seed["actors"]
    places = [
        {"name": capital, "aliases": [], "country": c["name"]}
        for c in world.get("countries", [])
        for capital in c.get("capitals", [])
    ] + seed["places"]
    return {"actors": actors, "places": places}


def load_seed(apps: Any) -> None:
    """Create the seed actors and places; idempotent, in a handful of bulk queries (the data
    migration uses it, and tests reload it after a flush)."""
    actor_model = apps.get_model("casualties", "Actor")
    alias_model = apps.get_model("casualties", "ActorAlias")
    place_model = apps.get_model("casualties", "Place")
    place_alias_model = apps.get_model("casualties", "PlaceAlias")
    data = seed_data()
    actor_model.objects.bulk_create(
        [
            actor_model(
                name=entry["name"],
                kind=entry.get("kind") or "person",
                role=entry.get("role") or "",
                demonyms=entry.get("demonyms", []),
            )
            for entry in data["actors"]
        ],
        ignore_conflicts=True,
    )
    by_name = {
        a.name: a for a in actor_model.objects.filter(name__in=[e["name"] for e in data["actors"]])
    }
    with_country = []
    for entry in data["actors"]:
        actor = by_name[entry["name"]]
        country = by_name.get(entry.get("country") or "")
        if country is not None and actor.country_id is None:
            actor.country = country
            with_country.append(actor)
    actor_model.objects.bulk_update(with_country, ["country"])
    alias_model.objects.bulk_create(
        [
            alias_model(actor=by_name[entry["name"]], alias=alias, folded=lookup_key(alias))
            for entry in data["actors"]
            for alias in (entry["name"], *entry.get("aliases", ()))
        ],
        ignore_conflicts=True,
    )
    place_model.objects.bulk_create(
        [
            place_model(name=entry["name"], country=by_name.get(entry.get("country") or ""))
            for entry in data["places"]
        ],
        ignore_conflicts=True,
    )
    places = {
        p.name: p for p in place_model.objects.filter(name__in=[e["name"] for e in data["places"]])
    }
    place_alias_model.objects.bulk_create(
        [
            place_alias_model(place=places[entry["name"]], alias=alias, folded=lookup_key(alias))
            for entry in data["places"]
            for alias in (entry["name"], *entry.get("aliases", ()))
        ],
        ignore_conflicts=True,
    )


def resolve_actors(names: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Map each (name, kind) to an ``Actor``, creating unknown names as pending review.

    One query for the known names; a new actor is created with its own name as an alias,
    and a race with another worker creating the same actor is settled by the unique alias.
    """
    from casualties.models import Actor, ActorAlias

    wanted = {lookup_key(name): (name, kind) for name, kind in names if name and name.strip()}
    # A titled name ("Russian President Vladimir Putin") also tries its trailing words.
    candidates = {key: name_suffixes(key) for key in wanted}
    every_key = {k for keys in candidates.values() for k in keys}
    found = {
        alias.folded: alias.actor
        for alias in ActorAlias.objects.filter(folded__in=every_key).select_related("actor")
    }
    resolved: dict[str, Any] = {}
    for folded, (name, kind) in wanted.items():
        actor = next((found[k] for k in candidates[folded] if k in found), None)
        if actor is None:
            actor = _create_pending(name.strip()[:200], kind, folded, Actor, ActorAlias)
        resolved[name] = actor
    return resolved


def lookup_key(name: str) -> str:
    """The folded form names are matched on: "Nagorno-Karabakh's military" finds
    "Nagorno-Karabakh military"."""
    return fold(name).replace("'s ", " ").removeprefix("the ")


def name_suffixes(key: str) -> list[str]:
    """The key, then its trailing runs of two or more words, longest first."""
    words = key.split(" ")
    return [key] + [" ".join(words[i:]) for i in range(1, len(words) - 1)]


def _create_pending(name: str, kind: str, folded: str, actor_model: Any, alias_model: Any) -> Any:
    try:
        with transaction.atomic():
            actor, _ = actor_model.objects.get_or_create(
                name=name, defaults={"kind": kind, "needs_review": True}
            )
            alias_model.objects.create(actor=actor, alias=name, folded=folded)
            return actor
    except IntegrityError:
        return alias_model.objects.select_related("actor").get(folded=folded).actor
