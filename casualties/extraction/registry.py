"""The actor and place registry: canonical names with aliases, as data.

The extractor works without a registry (it then returns names as the text gives them);
given one, it canonicalises aliases, spelling variants and demonyms. The registry holds
names only. The default seed (``data/world.json``) is generic world knowledge:
countries with their demonyms and seats of government, international bodies and news
agencies. Actors of a particular war are seeded by the Django side.

    >>> reg = ActorRegistry.default()
    >>> reg.country_of("Ukrainian")
    'Ukraine'
    >>> reg.canonical("U.N.")
    'United Nations'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

ACTOR_KINDS = ("person", "organisation", "country", "armed_force", "place")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accents and curly apostrophes removed, spaces squeezed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").lower()
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    country: str | None = None  # for places and armed forces: the country they belong to
    role: str | None = None


@dataclass(frozen=True)
class ActorRegistry:
    actors: tuple[Actor, ...] = ()
    _index: Mapping[str, Actor] = field(default_factory=dict, compare=False, repr=False)
    _demonyms: Mapping[str, Actor] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_actors(cls, actors: Iterable[Actor]) -> ActorRegistry:
        actors = tuple(actors)
        index: dict[str, Actor] = {}
        demonyms: dict[str, Actor] = {}
        for actor in actors:
            for name in (actor.name, *actor.aliases):
                index.setdefault(fold(name), actor)
            for dem in actor.demonyms:
                demonyms.setdefault(fold(dem), actor)
        return cls(actors, index, demonyms)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ActorRegistry:
        """Build from the seed format: ``{"countries": [...], "organisations": [...],
        "actors": [...]}``; every entry has ``name`` and optional ``aliases``."""
        actors: list[Actor] = []
        for entry in data.get("actors", []):
            actors.append(
                Actor(
                    entry["name"],
                    entry.get("kind", "person"),
                    tuple(entry.get("aliases", ())),
                    tuple(entry.get("demonyms", ())),
                    entry.get("country"),
                    entry.get("role"),
                )
            )
        for entry in data.get("countries", []):
            actors.append(
                Actor(
                    entry["name"],
                    "country",
                    tuple(entry.get("aliases", ())),
                    tuple(entry.get("demonyms", ())),
                    entry["name"],
                )
            )
            for capital in entry.get("capitals", ()):
                actors.append(Actor(capital, "place", (), (), entry["name"]))
        for entry in data.get("organisations", []):
            actors.append(
                Actor(
                    entry["name"],
                    entry.get("kind", "organisation"),
                    tuple(entry.get("aliases", ())),
                )
            )
        return cls.from_actors(actors)

    @classmethod
    def default(cls) -> ActorRegistry:
        return _default_registry()

    def merged(self, other: ActorRegistry) -> ActorRegistry:
        """This registry with ``other``'s actors taking precedence."""
        return ActorRegistry.from_actors((*other.actors, *self.actors))

    def lookup(self, name: str) -> Actor | None:
        cache = self._cache("_lookup_cache")
        if name in cache:
            return cache[name]  # type: ignore[return-value]
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        actor = self._index.get(key) or self._index.get(key.removesuffix("'s"))
        if len(cache) < 100_000:
            cache[name] = actor
        return actor

    def _cache(self, attr: str) -> dict[str, object]:
        """A memo of answers by name, kept on this (immutable) registry."""
        cached: dict[str, object] | None = self.__dict__.get(attr)
        if cached is None:
            cached = {}
            object.__setattr__(self, attr, cached)
        return cached

    def memo(self, name: str) -> dict[str, Any]:
        """A memo named ``name`` for answers that depend only on this registry and a
        short key (a word or a name), kept on it: such names recur from article to
        article. Callers bound its size as ``lookup`` does."""
        return self._cache("_memo_" + name)

    def canonical(self, name: str) -> str:
        actor = self.lookup(name)
        return actor.name if actor else name

    def demonym(self, word: str) -> Actor | None:
        return self._demonyms.get(fold(word))

    def country_of(self, word: str) -> str | None:
        """The country a name, place, demonym or capital belongs to, if known."""
        cache = self._cache("_country_cache")
        if word in cache:
            return cache[word]  # type: ignore[return-value]
        actor = self.demonym(word) or self.lookup(word)
        country = (
            None
            if actor is None
            else actor.country or (actor.name if actor.kind == "country" else None)
        )
        if len(cache) < 100_000:
            cache[word] = country
        return country

    def surnames(self) -> Mapping[str, Actor]:
        """Person actors by the last word of each of their names."""
        cached: Mapping[str, Actor] | None = self.__dict__.get("_surnames")
        if cached is not None:
            return cached
        out: dict[str, Actor] = {}
        for actor in self.actors:
            if actor.kind == "person":
                for name in (actor.name, *actor.aliases):
                    out.setdefault(fold(name).split(" ")[-1], actor)
        object.__setattr__(self, "_surnames", out)
        return out

    def names(self) -> Iterable[str]:
        """Every name and alias (not demonyms), for building matchers."""
        for actor in self.actors:
            yield actor.name
            yield from actor.aliases


@cache
def _default_registry() -> ActorRegistry:
    text = resources.files(__package__).joinpath("data/world.json").read_text(encoding="utf-8")
    return ActorRegistry.from_data(json.loads(text))
