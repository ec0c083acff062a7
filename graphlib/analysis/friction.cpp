// Friction and waste on single flows (analyses.md, Friction; Gaps in the
// structure: WASTE.UNUSED_FLOW): FRICTION.FORMAT, FRICTION.MANUAL and
// WASTE.UNUSED_FLOW, one finding per flow. "On a delivery path" means the flow
// is the chosen flow of the delivery path of some need (declared or implicit),
// which the delivery object records.
#include <algorithm>

#include "analysis/delivery.hpp"
#include "analysis/delivery_prose.hpp"
#include "analysis/families.hpp"
#include "text/concat.hpp"

namespace orgflow::analysis {

namespace {

using text_detail::concat;

std::vector<std::string> unique_in_order(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const auto& s : v)
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  return out;
}


}  // namespace

// Long on purpose: one pass over the flows gives three codes that share
// the flow's ends, names and delivery-path test.
std::vector<finding> friction_findings(const delivery& d) {
  const model& m = d.source();
  const graph::views& v = d.views();
  std::vector<finding> out;
  for (std::size_t i = 0; i < m.flows.size(); ++i) {
    const flow& fl = m.flows[i];
    const vertex from = v.flow_from(i), to = v.flow_to(i);
    const unit& receiver = v.unit_at(to);
    const std::string& from_name = v.unit_at(from).display_name();
    const std::string& to_name = receiver.display_name();
    auto ends = [&] {  // only for findings, like carried()
      std::vector<std::string> both{v.id_of(from), v.id_of(to)};
      std::sort(both.begin(), both.end());
      return both;
    };
    const bool on_path = d.on_delivery_path(i);
    auto carried = [&] { return prose::carried_words(d, fl); };  // only for findings: it costs

    if (fl.format && receiver.accepts &&
        std::find(receiver.accepts->begin(), receiver.accepts->end(), *fl.format) == receiver.accepts->end()) {
      finding f;
      f.code = "FRICTION.FORMAT";
      f.level = on_path ? severity::warning : severity::info;
      f.units = ends();
      f.ref = fl.id;
      const auto accepts = unique_in_order(*receiver.accepts);
      f.metrics.reserve(4);
      f.metrics.emplace_back("flow", fl.id);
      f.metrics.emplace_back("on_delivery_path", on_path);
      f.metrics.emplace_back("format", *fl.format);
      f.metrics.emplace_back("accepts", accepts);
      // "everything Finance knows" already names the sender.
      const std::string_view sender = fl.carries_all() ? std::string_view() : std::string_view(from_name);
      f.title = concat({"Wrong format for ", to_name, ": ", carried(), fl.carries_all() ? "" : " from ", sender,
                        " in ", *fl.format, ", which ", to_name, " cannot use without converting it"});
      f.recommendation = accepts.empty()
                             ? concat({"Agree with ", to_name, " on a format it can use for what ", from_name,
                                       " sends, or convert it automatically on the way."})
                             : concat({"Send it to ", to_name, " in a format it accepts (", join_words(accepts),
                                       "), or convert it automatically on the way."});
      out.push_back(std::move(f));
    }

    if (fl.is_manual()) {
      finding f;
      f.code = "FRICTION.MANUAL";
      f.level = on_path ? severity::warning : severity::info;
      f.units = ends();
      f.ref = fl.id;
      f.metrics.reserve(2);
      f.metrics.emplace_back("flow", fl.id);
      f.metrics.emplace_back("on_delivery_path", on_path);
      f.title = concat({"Copied by hand from ", from_name, " to ", to_name, ": ",
                        fl.carries_all() ? concat({"everything ", from_name, " passes on"}) : carried()});
      f.recommendation = concat({"Automate the flow from ", from_name, " to ", to_name,
                                 " (an integration or one shared source), so that nobody re-keys it and no copy goes "
                                 "wrong."});
      out.push_back(std::move(f));
    }

    // Waste: named artifacts only (`*` and general flows never are), on no
    // delivery path, and the receiver needs none of them (a flow back to an
    // artifact's owner is waste: the owner's own need does not count).
    if (!on_path && fl.carries && !fl.carries->empty() && !fl.carries_all()) {
      bool needed = false;
      for (const std::string& id : *fl.carries) {
        const auto a = d.flows().artifact_index(id);
        if (!a) continue;
        const need_delivery* nd = d.find(to, *a);
        if (nd && !nd->own) needed = true;
      }
      if (!needed) {
        finding f;
        f.code = "WASTE.UNUSED_FLOW";
        f.level = severity::info;
        f.units = ends();
        f.ref = fl.id;
        f.metrics.reserve(2);
        f.metrics.emplace_back("flow", fl.id);
        f.metrics.emplace_back("carries", unique_in_order(*fl.carries));
        f.title = concat({"Unused flow from ", from_name, " to ", to_name, ": ", carried(), ", none of it needed by ",
                          to_name});
        f.recommendation = concat({"Ask ", to_name, " whether the flow from ", from_name,
                                   " is still used: stop it if not, or record the need if it is."});
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

}  // namespace orgflow::analysis
