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

from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from ._version import __version__
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

if _TYPE_CHECKING:
    from .assessment import Assessment, Report
    from .export import ExportDocument, document_json, export_document, export_schema
    from .fhir import fhir_bundle, questionnaire_response
    from .handout import HandoutDependencyError, handout_html, handout_markdown

# Loaded on first use, so importing the package and reading content stays cheap.
_LAZY = {
    "Assessment": "assessment",
    "Report": "assessment",
    "ExportDocument": "export",
    "document_json": "export",
    "export_document": "export",
    "export_schema": "export",
    "fhir_bundle": "fhir",
    "questionnaire_response": "fhir",
    "HandoutDependencyError": "handout",
    "handout_html": "handout",
    "handout_markdown": "handout",
}


def __getattr__(name: str) -> _Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
    "ExportDocument",
    "Frequency",
    "HandoutDependencyError",
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
    "document_json",
    "export_document",
    "export_schema",
    "fhir_bundle",
    "get_library",
    "handout_html",
    "handout_markdown",
    "negotiate_locale",
    "questionnaire_response",
]
