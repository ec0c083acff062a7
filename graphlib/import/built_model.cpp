// finish_built_model (see built_model.hpp).
#include "import/built_model.hpp"

#include <string>

#include "orgflow/check.hpp"

namespace orgflow::import_detail {

void finish_built_model(model& m, std::string_view importer) {
  assign_generated_ids(m);
  const auto problems = validate_model(m);
  if (problems.empty()) return;
  const std::string what = std::string(importer) + " built an invalid model (a bug): " + problems.front().to_string();
  check_invariant(false, what.c_str());
}

}  // namespace orgflow::import_detail
