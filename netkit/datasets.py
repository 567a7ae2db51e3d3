"""Bundled data: the synthetic example survey and classic networks.

The files live in the repository's ``data/`` folder and are packaged into the
wheel as ``netkit/_data``, so the loaders work from a checkout and from an
installed wheel alike. Classic networks come from the R package
``networkdata`` 0.2.1 (MIT); see ``data/classic/SOURCES.md`` and cite the
original studies wherever they are shown.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import networkx as nx
import pandas as pd

__all__ = ["data_path", "example_survey_path", "load_example_survey", "example_export_path", "example_members_path",
           "florentine_families",
           "krackhardt_managers", "lazega_lawyers"]


def data_path(*parts: str) -> Path:
    """Path to a bundled data file (``data/`` in a checkout, ``netkit/_data`` in a wheel)."""
    packaged = resources.files("netkit") / "_data"
    base = Path(str(packaged)) if packaged.is_dir() else Path(__file__).resolve().parent.parent / "data"
    path = base.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled data file {'/'.join(parts)!r} is missing from {base}")
    return path


def example_survey_path() -> Path:
    """The bundled SYNTHETIC example survey workbook (long layout, .xlsx).

    An invented packaging-machinery cluster of 97 members (88 firms, 4
    universities, 5 agencies) and 18 outside partners, made by
    ``data/make_example_survey.py`` with a fixed seed.
    """
    return data_path("example_survey.xlsx")


def load_example_survey():
    """The example survey read with :func:`netkit.read_survey` (SYNTHETIC data)."""
    from .survey import read_survey

    return read_survey(example_survey_path())


def example_export_path() -> Path:
    """The bundled SYNTHETIC Google Forms export of the example survey (``responses.csv``).

    The example survey as the CSV downloaded from Google Forms would give it:
    questions in Italian, the partners ticked in checkbox questions whose
    options are the members' names, outside partners written by hand in
    "Altro", and the mess of real exports planted once each (a firm that
    answered twice, an "n/a"). Read it with the member list
    (:func:`example_members_path`). Made by ``data/make_example_export.py``
    with a fixed seed; no real firm, person or answer is in it.

    Examples
    --------
    >>> import netkit
    >>> survey = netkit.read_survey(example_export_path(), members=example_members_path())
    >>> survey.meta["tool"], len(survey.members), int(survey.members["responded"].sum())
    ('google_forms', 97, 74)
    """
    return data_path("example_export", "responses.csv")


def example_members_path() -> Path:
    """The member list that goes with :func:`example_export_path` (``members.xlsx``, SYNTHETIC).

    The 97 members of the example survey's roster, headed in Italian
    (Ragione sociale, Tipo, Settore, Provincia, Dipendenti), with a README
    sheet. Made by ``data/make_example_export.py``.

    Examples
    --------
    >>> example_members_path().name
    'members.xlsx'
    """
    return data_path("example_export", "members.xlsx")


def _classic(prefix: str, relations: list[str], *, directed: bool, name_col: str | None, graph_name: str,
             citation: str) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name=graph_name, citation=citation, synthetic=False)
    nodes = pd.read_csv(data_path("classic", f"{prefix}_{relations[0]}_nodes.csv"))
    key = name_col or "id"
    for rec in nodes.to_dict("records"):
        node = str(rec[key])
        attrs = {k.lstrip("#"): (v.item() if hasattr(v, "item") else v) for k, v in rec.items() if k != key}
        if name_col:
            attrs.pop("id", None)
        G.add_node(node, **attrs)
    for rel in relations:
        edges = pd.read_csv(data_path("classic", f"{prefix}_{rel}_edges.csv"), dtype=str)
        for s, t in zip(edges["source"], edges["target"]):
            G.add_edge(s, t, key=rel, relation=rel, directed=directed, weight=1.0)
    return G


def florentine_families() -> nx.MultiDiGraph:
    """Florentine families: marriage and business ties as one multiplex graph.

    16 families; undirected ties stored once with ``directed=False`` and
    keyed by relation (``marriage``: 20 ties, ``business``: 15). Attributes
    ``wealth`` (thousands of lira, 1427), ``priors`` (seats on the civic
    council) and ``ties`` (ties in the full data).
    Padgett & Ansell (1993), Robust action and the rise of the Medici,
    1400-1434. American Journal of Sociology 98(6): 1259-1319.

    Examples
    --------
    >>> G = florentine_families()
    >>> G.number_of_nodes(), len(G.edges(keys=True))
    (16, 35)
    """
    return _classic("flo", ["marriage", "business"], directed=False, name_col="name",
                    graph_name="Florentine families",
                    citation="Padgett & Ansell (1993), American Journal of Sociology 98(6)")


def krackhardt_managers() -> nx.MultiDiGraph:
    """Krackhardt's high-tech managers: advice, friendship and reports-to (directed).

    21 managers; attributes ``age``, ``tenure``, ``level`` (1 CEO, 2 vice
    president, 3 manager), ``dept``. Krackhardt (1987), Cognitive social
    structures. Social Networks 9: 109-134.

    Examples
    --------
    >>> G = krackhardt_managers()
    >>> sorted({k for _, _, k in G.edges(keys=True)})
    ['advice', 'friends', 'reports']
    """
    return _classic("ht", ["advice", "friends", "reports"], directed=True, name_col=None,
                    graph_name="Krackhardt high-tech managers",
                    citation="Krackhardt (1987), Social Networks 9")


def lazega_lawyers() -> nx.MultiDiGraph:
    """Lazega's law firm: advice, friendship and co-work among 71 lawyers (directed).

    Attributes ``status`` (1 partner, 2 associate), ``gender``, ``office``,
    ``seniority``, ``age``, ``practice``, ``law_school`` (codes in
    ``data/classic/SOURCES.md``). Lazega (2001), The Collegial Phenomenon.
    Oxford University Press.

    Examples
    --------
    >>> G = lazega_lawyers()
    >>> G.number_of_nodes()
    71
    """
    return _classic("law", ["advice", "friends", "cowork"], directed=True, name_col=None,
                    graph_name="Lazega law firm", citation="Lazega (2001), The Collegial Phenomenon")

