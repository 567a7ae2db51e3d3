"""Relations a survey asks about, and what each answer means for the graph.

A *question relation* is what a respondent answers ("who are your
suppliers?"). It maps to a *tie* in the graph and a direction:

========== ========== ======== ===================================
relation   tie        directed the tie runs
========== ========== ======== ===================================
supplier   trade      yes      partner -> respondent (seller -> buyer)
customer   trade      yes      respondent -> partner (seller -> buyer)
university university no       collaboration
agency     agency     no       collaboration / support
========== ========== ======== ===================================

So A naming B as its supplier and B naming A as its customer are two reports
of ONE trade tie B -> A. Other relations are declared in a ``relations``
sheet with columns ``relation``, ``tie`` (default: the relation's own name),
``directed`` (yes/no), ``direction`` (``respondent_to_partner`` or
``partner_to_respondent``), ``scale_min``/``scale_max`` for strengths and
``description``. For advice, the tie runs from the giver to the receiver:
"whom do you ask for advice?" is ``direction = partner_to_respondent``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["Relation", "BUILTIN_RELATIONS", "FORM_RELATIONS", "parse_direction"]


@dataclass(frozen=True)
class Relation:
    name: str
    tie: str
    directed: bool
    partner_is_source: bool
    scale_min: float | None = None
    scale_max: float | None = None
    description: str = ""

    def endpoints(self, respondent: str, partner: str) -> tuple[str, str]:
        """(source, target) of the tie a respondent reports about a partner."""
        if self.directed and self.partner_is_source:
            return partner, respondent
        return respondent, partner


BUILTIN_RELATIONS = {
    "supplier": Relation("supplier", "trade", True, True,
                         description="the partner sells to the respondent"),
    "customer": Relation("customer", "trade", True, False,
                         description="the respondent sells to the partner"),
    "university": Relation("university", "university", False, False,
                           description="collaboration with a university or research centre"),
    "agency": Relation("agency", "agency", False, False,
                       description="collaboration with, or support from, an agency"),
}

# Relations that a form-tool export may ask about beyond the built-in four. They
# are declared for a survey when a question is read as one of them (the long
# and matrix layouts declare them in a relations sheet, as before).
FORM_RELATIONS = {
    "knowledge": Relation("knowledge", "knowledge", True, True,
                          description="the partner gives advice or know-how to the respondent"),
    "cooperation": Relation("cooperation", "cooperation", False, False,
                            description="the respondent and the partner cooperate (projects, joint work)"),
}

_TO_PARTNER = {"respondent_to_partner", "out", "outgoing", "respondent->partner", "from_respondent",
               "respondent_gives", "forward"}
_TO_RESPONDENT = {"partner_to_respondent", "in", "incoming", "partner->respondent", "to_respondent",
                  "respondent_receives", "backward", "reverse"}


def parse_direction(value) -> bool | None:
    """True if the partner is the source; None if the text is not understood."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return False
    key = "_".join(str(value).strip().lower().split())
    if key in _TO_PARTNER or key == "":
        return False
    if key in _TO_RESPONDENT:
        return True
    return None


def relations_frame(relations: dict[str, Relation]) -> pd.DataFrame:
    """The relations as a table (one row per question relation)."""
    rows = [
        {
            "relation": r.name,
            "tie": r.tie,
            "directed": r.directed,
            "direction": ("partner_to_respondent" if r.partner_is_source else "respondent_to_partner")
            if r.directed else "",
            "scale_min": r.scale_min,
            "scale_max": r.scale_max,
            "description": r.description,
        }
        for r in relations.values()
    ]
    return pd.DataFrame(rows).set_index("relation")
