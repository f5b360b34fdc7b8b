"""A complete response as YAML text, for tests to change one thing in."""

from __future__ import annotations


def response_text() -> str:
    """A complete, valid response; tests rely on the line each answer is on."""
    return """\
questionnaire: ehc-partnership-journey
questionnaire_version: 1
local_area: Exampleshire
respondent:
  role: education
  name: Priya Shah
completed: 2026-11-20
journey:
  stage: developing
  rationale: The board meets monthly.
top_three:
  activities:
    - A joint panel
  strengths:
    - A trusted forum
  development_areas:
    - Shared outcomes
framework:
  vision_and_strategy: agree
  data_and_intelligence: disagree
  strategic_governance: agree
  support_for_individuals: agree
  joined_up_commissioning: cannot_say
  person_centred_pathways: disagree
  local_offer: disagree
  family_feedback: strongly_disagree
  demonstrating_impact: disagree
"""
