"""Pacing: no more than one message a second per channel."""

from __future__ import annotations

import pytest

from bot.posting import Pacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_second_message_to_the_same_channel_waits_a_second() -> None:
    clock = FakeClock()
    pacer = Pacer(1.0, clock=clock, sleep=clock.sleep)
    pacer.wait("C1")
    pacer.wait("C1")
    pacer.wait("C1")
    assert clock.slept == [1.0, 1.0]


def test_other_channels_do_not_wait() -> None:
    clock = FakeClock()
    pacer = Pacer(1.0, clock=clock, sleep=clock.sleep)
    for channel in ("C1", "C2", "C3"):
        pacer.wait(channel)
    assert clock.slept == []


def test_time_already_passed_counts() -> None:
    clock = FakeClock()
    pacer = Pacer(1.0, clock=clock, sleep=clock.sleep)
    pacer.wait("C1")
    clock.now += 0.4
    pacer.wait("C1")
    assert clock.slept == [pytest.approx(0.6)]
