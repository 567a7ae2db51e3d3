"""netkit: network analysis of inter-firm ties in SME clusters."""

from .errors import NetkitError, SurveyError
from .graph import collapse, relations_of, select_relation

__version__ = "0.1.0"

__all__ = [
    "NetkitError",
    "SurveyError",
    "collapse",
    "relations_of",
    "select_relation",
]
