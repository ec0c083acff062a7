// Filters and accepted-finding warnings shared by `analyze` and `report`
// (findings_options.hpp).
#include "findings_options.hpp"

#include <iostream>

#include "common.hpp"

namespace orgflow::tool {

finding_filter make_filter(const filter_args& a, const model& m, const std::string& model_path) {
  finding_filter f;
  f.codes = a.codes;
  if (a.min_severity) {
    f.min_severity = parse_severity(*a.min_severity);
    if (!f.min_severity) throw usage_error("--min-severity: write critical, warning or info");
  }
  for (const std::string& u : a.units)
    if (!m.find_unit(u)) throw usage_error("--for-unit: " + shown_name(model_path) + " has no unit '" + u + "'");
  f.units = a.units;
  return f;
}

void print_accepted_warnings(const std::string& model_path, const analysis_result& r) {
  for (const std::string& w : r.accepted_warnings) {
    const auto colon = w.find(": ");
    std::cerr << shown_name(model_path) << ":" << w.substr(0, colon) << ": warning: " << w.substr(colon + 2) << '\n';
  }
  std::cerr.flush();
}

}  // namespace orgflow::tool
