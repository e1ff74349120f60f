"""`/kpi engagement campaign-x` is the command the product brief names: "engagement" alone
means the engagement rate (the count has its own name, "engagements")."""

from kpi.registry import lookup


def test_engagement_alone_is_the_rate() -> None:
    assert lookup("engagement").name == "engagement_rate"
    assert lookup("engagements").name == "engagements"
