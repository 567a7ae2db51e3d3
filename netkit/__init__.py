"""netkit: network analysis of inter-firm ties in SME clusters.

survey -> graph -> measures -> report. Read a survey workbook with
:func:`read_survey`, turn it into a multiplex graph with :func:`build_graph`,
and measure it.
"""

from . import datasets
from .errors import NetkitError, SurveyError
from .graph import build_graph, collapse, relations_of, select_relation, tie_table
from .survey import Survey, read_survey, survey_from_frames
from .survey._names import normalise_name
from .survey._sizes import size_class
from .survey._write import write_survey, write_template

__version__ = "0.1.0"

__all__ = [
    "NetkitError",
    "Survey",
    "SurveyError",
    "build_graph",
    "collapse",
    "datasets",
    "normalise_name",
    "read_survey",
    "relations_of",
    "select_relation",
    "size_class",
    "survey_from_frames",
    "tie_table",
    "write_survey",
    "write_template",
]
