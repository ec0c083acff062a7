// The options `analyze` and `report` share for which findings to show
// (cli.md, filters: --code, --min-severity, --for-unit), and the warnings
// about `accepted` entries that match nothing, printed on standard error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace orgflow::tool {

struct filter_args {
  std::vector<std::string> codes;
  std::optional<std::string> min_severity;
  std::vector<std::string> units;
};

/// The filter of the options, checked against the model: an unknown unit is
/// a usage error (exit 2). Empty when no option was given.
finding_filter make_filter(const filter_args& a, const model& m, const std::string& model_path);

/// `FILE:/accepted/2: warning: ...` on standard error, one line per warning.
void print_accepted_warnings(const std::string& model_path, const analysis_result& r);

}  // namespace orgflow::tool
