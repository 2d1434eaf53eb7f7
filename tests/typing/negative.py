"""Mistakes a type checker must catch: each line with an error comment must be reported.

Checked by ``tests/typing/expect_errors.py`` with both mypy --strict and pyright --strict:
every marked line must get an error, and no other line may.
"""

from __future__ import annotations

import microneedling_info as mi

lib = mi.get_libary("en_CA")  # error: a typo on the module
real = mi.get_library("en_CA")
criterion = real.escalation_criteria[0]
criterion.action = "Rest."  # error: the models are frozen
real.side_effect("redness").name = "Red"  # error: the models are frozen
report = mi.Report(days_since_treatment=3)
report.temperature_c = 39.0  # error: a report is frozen too
real.side_effects = ()  # error: the library is frozen
too_urgent = mi.Urgency.URGENT < 3  # error: an urgency compares with urgencies or their ids
days = mi.Report(days_since_treatment="3")  # error: days are a number
heading = real.message("heading.sourcse")  # error: a mistyped message key
