"""Network analysis for researchers, in networkx style.

Pure functions, graph first, keyword options after, ``seed=`` wherever
there is randomness; each takes a networkx graph or a compact
:class:`~graph.analysis.network.Network` and returns what its networkx
namesake returns. Modules by topic:

- :mod:`~graph.analysis.views`: the typed graph, two-mode graphs, projections, time windows
- :mod:`~graph.analysis.centrality`: degree, betweenness, closeness, eigenvector, PageRank, clustering, k-core
- :mod:`~graph.analysis.structural_holes`: Burt's constraint and effective size
- :mod:`~graph.analysis.communities`: Leiden/Louvain communities, modularity
- :mod:`~graph.analysis.border`: E-I index, cross-border share, mixing, assortativity, brokerage roles, border bridges
- :mod:`~graph.analysis.summary`: graph-level figures
- :mod:`~graph.analysis.suite`: the whole suite in one call
- :mod:`~graph.analysis.export`: CSV/Parquet/JSON/GEXF/GraphML exports with provenance

Definitions and references: ``docs/metrics.md``.
"""

from graph.analysis.network import Network, as_network

__all__ = ["Network", "as_network"]
