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

import typing as _typing
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from ._version import __version__
from .errors import (
    CatalogError,
    ClinicProfileError,
    MessageArgumentError,
    MicroneedlingInfoError,
    MissingTranslationError,
    ScreeningAnswerError,
    UnknownItemError,
    UnsupportedLocaleError,
)
from .library import Library, build_library, clear_caches, get_library
from .locales import DEFAULT_LOCALE, available_locales, negotiate_locale
from .models import (
    AftercareInstruction,
    Approval,
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
    AnsweredWithin,
    AnswerYes,
    AnyOf,
    AnySymptom,
    DayAtLeast,
    DayBefore,
    Rule,
    TemperatureAtLeast,
    UnexplainedSymptom,
)
from .vocab import AnswerKind, Frequency, MessageKey, ScreeningOutcome, Symptom, Urgency

if _TYPE_CHECKING:
    from .assessment import Assessment, Report
    from .clinic import ClinicProfile
    from .dates import day_number
    from .export import ExportDocument, document_json, export_document, export_schema
    from .fhir import fhir_bundle
    from .fhir_response import questionnaire_response
    from .fhir_screening import screening_questionnaire_response
    from .followup import FollowUp, follow_up_schedule
    from .handout import HandoutDependencyError, handout_html, handout_markdown
    from .intake import intake_html
    from .screening import Screening, ScreeningCriterion, ScreeningOutcomeLevel, ScreeningQuestion
    from .sms import sms_encoding, sms_segments

# Loaded on first use, so importing the package and reading content stays cheap.
_LAZY = {
    "Assessment": "assessment",
    "Report": "assessment",
    "ClinicProfile": "clinic",
    "day_number": "dates",
    "FollowUp": "followup",
    "follow_up_schedule": "followup",
    "sms_encoding": "sms",
    "sms_segments": "sms",
    "ExportDocument": "export",
    "document_json": "export",
    "export_document": "export",
    "export_schema": "export",
    "fhir_bundle": "fhir",
    "questionnaire_response": "fhir_response",
    "screening_questionnaire_response": "fhir_screening",
    "HandoutDependencyError": "handout",
    "handout_html": "handout",
    "handout_markdown": "handout",
    "intake_html": "intake",
    "Screening": "screening",
    "ScreeningCriterion": "screening",
    "ScreeningOutcomeLevel": "screening",
    "ScreeningQuestion": "screening",
}


if not _typing.TYPE_CHECKING:
    # Hidden from type checkers: a module ``__getattr__ -> Any`` would make every typo
    # (``mi.get_libary``) type-check. They see the lazy names imported above instead.

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
    "AnswerKind",
    "AnswerYes",
    "AnsweredWithin",
    "AnyOf",
    "AnySymptom",
    "Approval",
    "Assessment",
    "CatalogError",
    "ClinicProfile",
    "ClinicProfileError",
    "ContentInfo",
    "DayAtLeast",
    "DayBefore",
    "DayRange",
    "EscalationCriterion",
    "ExportDocument",
    "FollowUp",
    "Frequency",
    "HandoutDependencyError",
    "HealingPhase",
    "Library",
    "MessageArgumentError",
    "MessageKey",
    "MicroneedlingInfoError",
    "MissingTranslationError",
    "Report",
    "Rule",
    "Screening",
    "ScreeningAnswerError",
    "ScreeningCriterion",
    "ScreeningOutcome",
    "ScreeningOutcomeLevel",
    "ScreeningQuestion",
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
    "day_number",
    "document_json",
    "export_document",
    "export_schema",
    "fhir_bundle",
    "follow_up_schedule",
    "get_library",
    "handout_html",
    "handout_markdown",
    "intake_html",
    "negotiate_locale",
    "questionnaire_response",
    "screening_questionnaire_response",
    "sms_encoding",
    "sms_segments",
]
