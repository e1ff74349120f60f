"""The alert state machine: every (stored state, evaluated state) row, plus properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi.targets import Evaluation, next_state, transition

EVALUATED = ("ok", "below", "at_risk", "met", "missed", "insufficient")
STORED = ("new", "ok", "below", "at_risk", "met", "missed")


def _ev(state: str) -> Evaluation:
    return Evaluation(state=state, value=1.0, gap=0.0, window_start=None, window_end=None)  # type: ignore[arg-type]


# (stored state, evaluated state) -> (state to store, alert kind or None)
TABLE = [
    ("new", "ok", "ok", None),
    ("new", "below", "below", "below"),
    ("new", "at_risk", "at_risk", "at_risk"),
    ("new", "met", "met", "met"),
    ("new", "missed", "missed", "missed"),
    ("new", "insufficient", "new", None),
    ("ok", "ok", "ok", None),
    ("ok", "below", "below", "below"),
    ("ok", "at_risk", "at_risk", "at_risk"),
    ("ok", "met", "met", "met"),
    ("ok", "missed", "missed", "missed"),
    ("ok", "insufficient", "ok", None),
    ("below", "ok", "ok", "recovered"),
    ("below", "below", "below", None),
    ("below", "at_risk", "at_risk", "at_risk"),
    ("below", "met", "met", "met"),
    ("below", "missed", "missed", "missed"),
    ("below", "insufficient", "below", None),
    ("at_risk", "ok", "ok", "recovered"),
    ("at_risk", "below", "below", "below"),
    ("at_risk", "at_risk", "at_risk", None),
    ("at_risk", "met", "met", "met"),
    ("at_risk", "missed", "missed", "missed"),
    ("at_risk", "insufficient", "at_risk", None),
    ("met", "ok", "met", None),
    ("met", "below", "met", None),
    ("met", "at_risk", "met", None),
    ("met", "met", "met", None),
    ("met", "missed", "met", None),
    ("met", "insufficient", "met", None),
    ("missed", "ok", "missed", None),
    ("missed", "below", "missed", None),
    ("missed", "at_risk", "missed", None),
    ("missed", "met", "missed", None),
    ("missed", "missed", "missed", None),
    ("missed", "insufficient", "missed", None),
]


def test_table_covers_every_pair() -> None:
    assert sorted((a, b) for a, b, _, _ in TABLE) == sorted(
        (a, b) for a in STORED for b in EVALUATED
    )


@pytest.mark.parametrize(("previous", "evaluated", "stored", "kind"), TABLE)
def test_transition_row(previous: str, evaluated: str, stored: str, kind: str | None) -> None:
    ev = _ev(evaluated)
    assert next_state(previous, ev) == stored
    alert = transition(previous, ev)
    if kind is None:
        assert alert is None
    else:
        assert alert is not None
        assert (alert.kind, alert.previous, alert.state) == (kind, previous, stored)
        assert alert.evaluation is ev


def _run(states: list[str]) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Feed evaluations to a target starting at "new"; return stored states and alerts."""
    stored = "new"
    history, alerts = [], []
    for evaluated in states:
        alert = transition(stored, _ev(evaluated))
        after = next_state(stored, _ev(evaluated))
        if alert is not None:
            alerts.append((alert.kind, stored, after))
        history.append(after)
        stored = after
    return history, alerts


sequences = st.lists(st.sampled_from(EVALUATED), max_size=40)


@given(
    st.sampled_from(("new", "ok", "below", "at_risk", "met", "missed")), st.sampled_from(EVALUATED)
)
def test_no_alert_without_a_state_change(previous: str, evaluated: str) -> None:
    if transition(previous, _ev(evaluated)) is not None:
        assert next_state(previous, _ev(evaluated)) != previous


@given(sequences)
def test_the_same_alert_never_goes_out_twice_in_a_row(states: list[str]) -> None:
    _, alerts = _run(states)
    kinds = [kind for kind, _, _ in alerts]
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))


@given(sequences, st.integers(min_value=0, max_value=40))
def test_insufficient_never_alerts_and_keeps_the_state(states: list[str], at: int) -> None:
    at = min(at, len(states))
    with_gap = [*states[:at], "insufficient", *states[at:]]
    history, alerts = _run(with_gap)
    before = history[at - 1] if at else "new"
    assert history[at] == before
    # Dropping the insufficient check changes nothing about what is posted.
    assert alerts == _run(states)[1]


@given(sequences)
def test_alerts_follow_stored_changes_and_recovery_only_after_trouble(states: list[str]) -> None:
    _, alerts = _run(states)
    for kind, before, after in alerts:
        assert before != after
        assert (kind == "recovered") == (after == "ok")
        if kind == "recovered":
            assert before in ("below", "at_risk")
    finals = [i for i, (kind, _, _) in enumerate(alerts) if kind in ("met", "missed")]
    assert finals in ([], [len(alerts) - 1])
