#!/usr/bin/python3
"""Reference values from NetworkX for the differential test of orgflow's
betweenness, articulation points and split components
(tests/analysis/test_structure_graphs.cpp).

Input (argv[1]): a text file of graphs. Each graph is a line `graph N M`
followed by M lines `U V` (directed edges, vertices 0..N-1, parallel edges
allowed). Output on stdout, per graph, in input order:
  graph K
  bc V VALUE            for every vertex, repr() of the float
  cut V S1 S2 ...       per articulation point (ascending V): sizes, largest
                        first, of the pieces its component falls into
  comp S1 S2 ...        sizes of the components of the undirected graph
                        without flow-less vertices, largest first

Exits 77 (skipped) when networkx cannot be imported, so CTest reports the
test as skipped rather than passed.
"""
import sys

try:
    import networkx as nx
except ImportError:
    print("networkx is not importable by " + sys.executable + ": skipped")
    sys.exit(77)


def main():
    with open(sys.argv[1]) as f:
        tokens = f.read().split()
    pos = 0
    k = 0
    out = []
    while pos < len(tokens):
        assert tokens[pos] == "graph"
        n, m = int(tokens[pos + 1]), int(tokens[pos + 2])
        pos += 3
        g = nx.DiGraph()  # parallel edges collapse, as orgflow counts them once
        g.add_nodes_from(range(n))
        for _ in range(m):
            g.add_edge(int(tokens[pos]), int(tokens[pos + 1]))
            pos += 2
        out.append("graph %d" % k)
        bc = nx.betweenness_centrality(g, normalized=True)
        for v in range(n):
            out.append("bc %d %r" % (v, bc[v]))
        u = g.to_undirected()
        u.remove_nodes_from([v for v in range(n) if u.degree(v) == 0])
        for a in sorted(nx.articulation_points(u)):
            comp = nx.node_connected_component(u, a)
            h = u.subgraph(comp - {a})
            sizes = sorted((len(c) for c in nx.connected_components(h)), reverse=True)
            out.append("cut %d %s" % (a, " ".join(map(str, sizes))))
        sizes = sorted((len(c) for c in nx.connected_components(u)), reverse=True)
        out.append("comp %s" % " ".join(map(str, sizes)))
        k += 1
    print("\n".join(out))


if __name__ == "__main__":
    main()
