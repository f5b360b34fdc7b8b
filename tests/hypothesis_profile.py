"""The hypothesis settings the property tests share: repeatable runs, sized for CI."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Derandomised, so CI runs the same examples every time and a failure can be reproduced; no
# deadline, because a loaded CI machine is slow now and then and speed is not what is tested.
settings.register_profile(
    "ehcjourney",
    derandomize=True,
    deadline=None,
    max_examples=1000,
    database=None,  # derandomised runs have no failures of their own to replay
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = settings.get_profile("ehcjourney")
