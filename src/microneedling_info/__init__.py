"""Bilingual (fr-CA / en-CA) patient information about microneedling.

Side effects, the phases of healing, aftercare, and the warning signs that
mean a patient must call the clinic, get care today (Info-Santé 811) or call
911 -- as typed, immutable, translated models. Information, not a diagnosis.

>>> import microneedling_info as mi
>>> lib = mi.get_library("fr-CA")
>>> lib.urgency_level(mi.Urgency.EMERGENCY).action.startswith("Composez le 911")
True
>>> lib.assess(mi.Report(days_since_treatment=3, symptoms=["pus"])).urgency
<Urgency.URGENT: 'urgent'>
"""

from ._version import __version__
from .assessment import Assessment, Report
from .errors import (
    CatalogError,
    MicroneedlingInfoError,
    MissingTranslationError,
    UnknownItemError,
    UnsupportedLocaleError,
)
from .library import Library, build_library, clear_caches, get_library
from .locales import DEFAULT_LOCALE, available_locales, negotiate_locale
from .models import (
    AftercareInstruction,
    ContentInfo,
    DayRange,
    EscalationCriterion,
    HealingPhase,
    SideEffect,
    Source,
    UrgencyLevel,
)
from .rules import (
    AllOf,
    AllSymptoms,
    AnyOf,
    AnySymptom,
    DayAtLeast,
    DayBefore,
    Rule,
    TemperatureAtLeast,
    UnexplainedSymptom,
)
from .vocab import Frequency, Symptom, Urgency

__all__ = [
    "DEFAULT_LOCALE",
    "AftercareInstruction",
    "AllOf",
    "AllSymptoms",
    "AnyOf",
    "AnySymptom",
    "Assessment",
    "CatalogError",
    "ContentInfo",
    "DayAtLeast",
    "DayBefore",
    "DayRange",
    "EscalationCriterion",
    "Frequency",
    "HealingPhase",
    "Library",
    "MicroneedlingInfoError",
    "MissingTranslationError",
    "Report",
    "Rule",
    "SideEffect",
    "Source",
    "Symptom",
    "TemperatureAtLeast",
    "UnexplainedSymptom",
    "UnknownItemError",
    "UnsupportedLocaleError",
    "Urgency",
    "UrgencyLevel",
    "__version__",
    "available_locales",
    "build_library",
    "clear_caches",
    "get_library",
    "negotiate_locale",
]
