"""Near-duplicate search and the latest version of a story, on stored versions directly."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from articles import parsing, services
from articles.models import Story, StoryVersion
from articles.parsing import dedup

pytestmark = pytest.mark.django_db

SIZE = 400  # shingles in each synthetic story


def random_signature(rng: random.Random) -> list[int]:
    return [SIZE, *(rng.randrange(1, 1 << 57) for _ in range(dedup.NUM_HASHES))]


def store(signature: list[int], *, published: datetime | None = None) -> StoryVersion:
    version = StoryVersion.objects.create(
        story=Story.objects.create(),
        fingerprint=f"{random.getrandbits(128):032x}",
        signature=signature,
        published=published,
    )
    services._insert_bands(version.pk, parsing.signature_bands(signature))
    return version


def test_the_version_sharing_most_bands_is_found_behind_many_newer_weak_matches() -> None:
    rng = random.Random(3)
    story = random_signature(rng)
    update = list(story)
    for index in rng.sample(range(1, dedup.NUM_HASHES + 1), 8):  # 56 of 64 values agree
        update[index] = rng.randrange(1, 1 << 57)
    older = store(update)
    # Later stories that share only the first band with it (a stock phrase, boilerplate):
    # more of them than the search reads behind one band key, or scores in all.
    crowd = services.MAX_VERSIONS_PER_BAND + services.MAX_NEAR_DUPLICATE_CANDIDATES
    for _ in range(crowd):
        store([*story[: 1 + dedup.ROWS_PER_BAND], *random_signature(rng)[3:]])
    assert parsing.similarity(story, update) >= parsing.VERSION_THRESHOLD
    assert services._story_for(tuple(story)) == older.story_id


def test_an_unrelated_story_finds_no_story() -> None:
    rng = random.Random(5)
    store(random_signature(rng))
    assert services._story_for(tuple(random_signature(rng))) is None


@pytest.mark.parametrize(
    "order",
    [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]],
)
def test_exactly_one_version_is_latest_the_newest_by_publication(order: list[int]) -> None:
    times = [
        None,
        datetime(2024, 3, 1, 9, tzinfo=UTC),
        datetime(2024, 3, 1, 12, tzinfo=UTC),
        datetime(2024, 3, 2, 8, tzinfo=UTC),
    ]
    story = Story.objects.create()
    created = {}
    for position in order:  # versions arrive in any order, each joining the story
        created[position] = StoryVersion.objects.create(
            story=story, fingerprint=f"fp-{position}", published=times[position]
        )
        if len(created) > 1:
            services._mark_latest(story.pk, created[position].pk)
        latest = StoryVersion.objects.filter(story=story, is_latest=True)
        newest = max(created, key=lambda p: (times[p] or datetime.min.replace(tzinfo=UTC), p))
        assert list(latest.values_list("pk", flat=True)) == [created[newest].pk]


def test_a_tie_in_publication_time_goes_to_the_later_version() -> None:
    moment = datetime(2024, 3, 1, 9, tzinfo=UTC)
    story = Story.objects.create()
    first = StoryVersion.objects.create(story=story, fingerprint="a", published=moment)
    second = StoryVersion.objects.create(story=story, fingerprint="b", published=moment)
    services._mark_latest(story.pk, second.pk)
    assert list(StoryVersion.objects.filter(is_latest=True)) == [second]
    assert first.pk < second.pk


def test_a_text_claimed_by_a_racing_copy_is_not_inserted_twice() -> None:
    version = store(random_signature(random.Random(9)))
    again = StoryVersion(
        story=Story.objects.create(), fingerprint=version.fingerprint, signature=[0]
    )
    assert services._insert_version(again) is False
    assert StoryVersion.objects.filter(fingerprint=version.fingerprint).count() == 1
