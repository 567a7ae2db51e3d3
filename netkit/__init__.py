"""netkit: network analysis of inter-firm ties in SME clusters.

survey -> graph -> measures -> report. Read a survey workbook with
:func:`read_survey`, turn it into a multiplex graph with :func:`build_graph`,
measure it (communities, brokers, embeddedness), and write the audit report
with :func:`audit`.
"""

__version__ = "0.1.0"

from . import course, datasets
from .audit import analyse, audit
from .brokerage import BrokerageResult, betweenness, bridges, brokerage_roles, cut_points
from .communities import CommunityResult, PartitionAgreement, find_communities, partition_agreement
from .embeddedness import EIResult, compare_groups, ei_index, embeddedness, network_summary
from .errors import NetkitError, SurveyError
from .generate import CLUSTER_KINDS, generate_cluster
from .graph import build_graph, collapse, relations_of, select_relation, tie_table
from .holes import dyadic_constraint, structural_holes
from .roles import cognitive_roles, guimera_amaral_roles
from .survey import Survey, read_survey, survey_from_frames
from .survey._anonymise import anonymise
from .survey._names import normalise_name
from .survey._sizes import size_class
from .survey._write import write_survey, write_template
from .viz import layout_positions, map_html, plot, show

__all__ = [
    "BrokerageResult",
    "CLUSTER_KINDS",
    "CommunityResult",
    "EIResult",
    "NetkitError",
    "PartitionAgreement",
    "Survey",
    "SurveyError",
    "analyse",
    "anonymise",
    "audit",
    "betweenness",
    "bridges",
    "brokerage_roles",
    "build_graph",
    "cognitive_roles",
    "collapse",
    "compare_groups",
    "course",
    "cut_points",
    "datasets",
    "dyadic_constraint",
    "ei_index",
    "embeddedness",
    "find_communities",
    "generate_cluster",
    "guimera_amaral_roles",
    "layout_positions",
    "map_html",
    "network_summary",
    "normalise_name",
    "partition_agreement",
    "plot",
    "read_survey",
    "relations_of",
    "select_relation",
    "show",
    "size_class",
    "structural_holes",
    "survey_from_frames",
    "tie_table",
    "write_survey",
    "write_template",
]
