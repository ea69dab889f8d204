"""Print how editors judged the extractor, per record kind and extractor version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from casualties.quality import quality_report


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


class Command(BaseCommand):
    help = "Precision of the extractor as judged by editors' verdicts and corrections."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = quality_report()
        if not rows:
            self.stdout.write("No machine records yet.")
            return
        header = (
            f"{'kind':<10} {'version':<10} {'records':>8} {'verified':>9} {'corrected':>10} "
            f"{'rejected':>9} {'unreviewed':>11} {'strict':>8} {'lenient':>8}  corrected fields"
        )
        self.stdout.write(header)
        for row in rows:
            fields = ", ".join(f"{name} {n}" for name, n in row.corrected_fields.most_common())
            self.stdout.write(
                f"{row.kind:<10} {row.extractor_version:<10} {row.total:>8} {row.verified:>9} "
                f"{row.corrected:>10} {row.rejected:>9} {row.unreviewed:>11} "
                f"{percent(row.strict_precision):>8} {percent(row.lenient_precision):>8}  "
                f"{fields}"
            )
