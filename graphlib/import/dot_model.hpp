// The second half of `orgflow import dot` (dot_import.cpp parses the text
// with cgraph): a parsed Graphviz graph to an orgflow model. Private to
// graphlib/import.
#pragma once

#include <graphviz/cgraph.h>

#include <string>

#include "orgflow/import.hpp"

namespace orgflow::dot_detail {

// The model that graph `g` describes (docs/import-dot.md), with a summary of
// what was made and skipped, or every problem of its attributes as
// diagnostics of file `label`. Visits nodes, subgraphs and edges in the order
// cgraph created them; linear in the size of the graph (cluster membership:
// in the nodes of every cluster). An empty graph gives an empty model.
import_result model_from_graph(const std::string& label, Agraph_t* g);

}  // namespace orgflow::dot_detail
