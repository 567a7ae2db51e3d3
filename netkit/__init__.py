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
from .communities import (
    ArrayCommunities,
    CommunityResult,
    PartitionAgreement,
    communities_from_arrays,
    find_communities,
    partition_agreement,
)
from .embeddedness import EIResult, compare_groups, ei_index, embeddedness, network_summary
from .errors import NetkitError, SurveyError
from .generate import CLUSTER_KINDS, generate_cluster
from .graph import build_graph, collapse, relations_of, select_relation, tie_table
from .holes import dyadic_constraint, structural_holes
from .production import (
    ProductionData,
    compare_sizes,
    firm_profile,
    generate_production_network,
    read_production_network,
    write_production_network,
)
from .production import to_graph as production_graph
from .production_audit import analyse_production, audit_production
from .roles import cognitive_roles, guimera_amaral_roles
from .survey import Inspection, Survey, inspect_survey, read_survey, survey_from_frames
from .survey._anonymise import anonymise
from .survey._names import normalise_name
from .survey._sizes import size_class
from .survey._write import write_survey, write_template
from .viz import layout_positions, map_html, plot, show

__all__ = [
    "ArrayCommunities",
    "BrokerageResult",
    "CLUSTER_KINDS",
    "CommunityResult",
    "EIResult",
    "Inspection",
    "NetkitError",
    "PartitionAgreement",
    "ProductionData",
    "Survey",
    "SurveyError",
    "analyse",
    "analyse_production",
    "anonymise",
    "inspect_survey",
    "audit",
    "audit_production",
    "betweenness",
    "bridges",
    "brokerage_roles",
    "build_graph",
    "cognitive_roles",
    "collapse",
    "communities_from_arrays",
    "compare_groups",
    "compare_sizes",
    "course",
    "cut_points",
    "datasets",
    "dyadic_constraint",
    "ei_index",
    "embeddedness",
    "find_communities",
    "firm_profile",
    "generate_cluster",
    "generate_production_network",
    "guimera_amaral_roles",
    "layout_positions",
    "map_html",
    "network_summary",
    "normalise_name",
    "partition_agreement",
    "plot",
    "production_graph",
    "read_production_network",
    "read_survey",
    "relations_of",
    "select_relation",
    "show",
    "size_class",
    "structural_holes",
    "survey_from_frames",
    "tie_table",
    "write_production_network",
    "write_survey",
    "write_template",
]
