"""How editors judged the extractor: per record kind and extractor version, how many
machine records were verified, corrected (and in which fields) or rejected.

Precision as judged by editors: ``strict`` counts only records verified as extracted;
``lenient`` also counts records that were real but needed a correction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from casualties.editing import EDITABLE_FIELDS
from casualties.models import Record


@dataclass
class QualityRow:
    kind: str
    extractor_version: str
    total: int = 0
    verified: int = 0
    corrected: int = 0
    rejected: int = 0
    unreviewed: int = 0
    stale: int = 0
    corrected_fields: Counter[str] = field(default_factory=Counter)

    @property
    def judged(self) -> int:
        return self.verified + self.corrected + self.rejected

    @property
    def strict_precision(self) -> float | None:
        return self.verified / self.judged if self.judged else None

    @property
    def lenient_precision(self) -> float | None:
        return (self.verified + self.corrected) / self.judged if self.judged else None


def quality_report() -> list[QualityRow]:
    status = Record.Status
    machine = Record.objects.filter(origin=Record.Origin.MACHINE)
    grouped = (
        machine.values("kind", "extractor_version")
        .annotate(
            total=Count("id"),
            verified=Count("id", filter=Q(status=status.VERIFIED)),
            corrected=Count("id", filter=Q(status=status.CORRECTED)),
            rejected=Count("id", filter=Q(status=status.REJECTED)),
            unreviewed=Count("id", filter=Q(status=status.NEW)),
            stale=Count("id", filter=Q(status=status.STALE)),
        )
        .order_by("kind", "extractor_version")
    )
    rows = {(g["kind"], g["extractor_version"]): QualityRow(**g) for g in grouped}
    for (kind, version), fields in _corrected_fields(machine).items():
        if (kind, version) in rows:
            rows[(kind, version)].corrected_fields = fields
    return list(rows.values())


def _corrected_fields(machine: object) -> dict[tuple[str, str], Counter[str]]:
    """Fields that differ between each corrected record and what the extractor first
    stored (from the audit history; empty where no history is kept)."""
    corrected = Record.objects.filter(origin=Record.Origin.MACHINE, status=Record.Status.CORRECTED)
    event_model = Record.pgh_event_models["created"]
    first = {
        event.pgh_obj_id: event
        for event in event_model.objects.filter(
            pgh_label="created", pgh_obj_id__in=corrected.values("pk")
        )
    }
    out: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for record in corrected.iterator(chunk_size=2000):
        original = first.get(record.pk)
        if original is None:
            continue
        for name in EDITABLE_FIELDS[record.kind]:
            attname = Record._meta.get_field(name).attname
            if getattr(original, attname) != getattr(record, attname):
                out[(record.kind, record.extractor_version)][name] += 1
    return out
