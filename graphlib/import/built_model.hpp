// The last step of every importer that makes each value of its model itself
// (BPMN, event logs, interaction and unit tables): a problem in the input is
// a diagnostic the importer reports with its place before it gets here, so a
// model that the loader's rules still reject is a bug of the importer.
// (import dot differs: its attributes carry the user's own values, so the
// loader's findings there are the input's fault and become diagnostics.)
#pragma once

#include <string_view>

#include "orgflow/model.hpp"

namespace orgflow::import_detail {

/// Assigns the generated ids (assign_generated_ids) and checks `m` by the
/// loader's rules (validate_model: the model is written and read back, so
/// O(size of the model)). Throws std::logic_error naming `importer` and the
/// first problem when a rule is broken (the tool: an internal error, exit
/// 3). An empty model passes.
void finish_built_model(model& m, std::string_view importer);

}  // namespace orgflow::import_detail
