// Plain-English building blocks of the delivery family (see delivery_prose.hpp).
#include "analysis/delivery_prose.hpp"

#include <algorithm>

#include "text/concat.hpp"

namespace orgflow::analysis::prose {

std::string carried_words(const delivery& d, const flow& f) {
  const model& m = d.source();
  if (f.carries_all()) {
    const auto u = d.views().vertex_of(f.from);
    return text_detail::concat({"everything ", u ? d.views().unit_at(*u).display_name() : f.from, " knows"});
  }
  if (!f.carries || f.carries->empty()) return "general information";
  std::vector<std::string> names;
  for (const std::string& id : *f.carries) {
    const auto a = d.flows().artifact_index(id);
    std::string name = text_detail::concat({"the ", a ? m.artifacts[*a].display_name() : id});
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  return join_words(names);
}

}  // namespace orgflow::analysis::prose
