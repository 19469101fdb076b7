"""The off-track rule: a signal that help may be going the wrong way, from one respondent's series of scores.

A moment is off track when either
- its score is at least `below_own_mean` points below the mean of that respondent's earlier scores (only once
  there are `min_history` earlier scores), or
- its score dropped at least `drop` points since the respondent's previous score.

Configure it in settings as KRING_FEEDBACK_OFF_TRACK = {"below_own_mean": 2, "drop": 3, "min_history": 2};
anything left out keeps its default. See docs/feedback.md for worked examples.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

DEFAULTS = {"below_own_mean": 2.0, "drop": 3.0, "min_history": 2}


@dataclass(frozen=True)
class OffTrack:
    index: int
    score: float
    reason: str  # "below_own_mean" or "drop"


def rule_settings() -> dict:
    return {**DEFAULTS, **getattr(settings, "KRING_FEEDBACK_OFF_TRACK", {})}


def off_track(scores: Sequence[float], **overrides) -> list[OffTrack]:
    """The moments of a chronological series that are off track (empty when the help is on track)."""
    rule = {**rule_settings(), **overrides}
    signals = []
    for index, value in enumerate(scores):
        earlier = [float(v) for v in scores[:index]]
        if (
            len(earlier) >= rule["min_history"]
            and value <= sum(earlier) / len(earlier) - rule["below_own_mean"]
        ):
            signals.append(OffTrack(index, float(value), "below_own_mean"))
        elif earlier and value <= earlier[-1] - rule["drop"]:
            signals.append(OffTrack(index, float(value), "drop"))
    return signals
