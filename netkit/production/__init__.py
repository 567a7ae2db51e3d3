"""Production networks from administrative data: who sells to whom among all firms of an economy.

Supplier-customer links from VAT listings or e-invoicing records, procurement
and business registers cover 50,000 to a million firms and tens of millions of
links (Belgium's VAT network: about 0.9 million firms and 17 million links).
They are too large for a networkx graph, so this module keeps them as plain
arrays in a :class:`ProductionData`:

* ``firms``: one row per firm, indexed by the firm id (``firm``);
* ``links``: one row per seller-buyer(-year) link, with ``seller`` and
  ``buyer`` as int32 **row positions** in ``firms`` (not the ids: 4 bytes a
  link instead of a string, and ready for ``scipy.sparse``), ``value`` and
  optionally ``year``, sorted by seller, buyer and year.

:func:`read_production_network` reads CSV or Parquet edge lists in chunks,
validates them with whole-column operations (no Python loop over rows) and
counts every row it drops and why. :func:`generate_production_network` invents
a seeded economy with heavy-tailed degrees, regions and a value chain, for
tests and benchmarks. :func:`to_graph` turns a network small enough for
networkx into a DiGraph. :func:`firm_profile` measures every firm's
embeddedness (suppliers, customers, local ties, reciprocity, clustering,
k-core, Burt's structural holes, partner concentration) on the arrays, with
the same code as :func:`netkit.embeddedness` and
:func:`netkit.structural_holes` use on graphs, and :func:`compare_sizes`
compares SMEs with large firms on it. Parquet needs pyarrow
(``pip install "netkit[fast]"``), which also parses CSV faster; it is
imported only when used.

The package: ``_data`` (ProductionData, to_graph), ``_generate``,
``_files`` (formats, writing), ``_read`` (the chunked reader) and
``_measures`` (firm_profile, compare_sizes).

Measured on 2 shared cores (``benchmarks/bench_read_links.py``), 1,000,000
firms and 10,000,000 links: generating takes about 7 s; reading links and
firms takes about 4 s from Parquet and 11 s from CSV (17 s without pyarrow),
with a peak of about 1.2 GB for the whole process; profiling every firm
(``firm_profile``, Burt's measures included) takes 25 to 35 s more, with a
peak of 3.7 GB (``benchmarks/bench_production.py``).
"""

from ._data import ProductionData, to_graph
from ._files import write_production_network
from ._generate import generate_production_network
from ._measures import compare_sizes, firm_profile
from ._read import read_production_network

__all__ = ["ProductionData", "compare_sizes", "firm_profile", "generate_production_network",
           "read_production_network", "to_graph", "write_production_network"]
