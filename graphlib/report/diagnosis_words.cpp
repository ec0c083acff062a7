// The words of a diagnosis for people (see diagnosis_words.hpp).
#include "report/diagnosis_words.hpp"

#include <cstdint>

#include "orgflow/text.hpp"

namespace orgflow::report_detail {

std::string verdict_line(const diagnosis& d) {
  const std::size_t structural = d.structural_causes();
  const std::size_t minor = d.causes.size() - structural;
  std::string out = "Verdict: " + std::string(to_string(d.result));
  if (!d.causes.empty()) {
    out += " (" + count_of(static_cast<std::int64_t>(structural), "cause", "causes") + " to fix first";
    if (minor > 0) out += ", " + count_of(static_cast<std::int64_t>(minor), "minor cause", "minor causes");
    out += ")";
  }
  return out + ".";
}

std::string category_heading(cause_category c, const std::string& p, const std::string& u, bool at_u) {
  const std::string where = at_u ? p + " and at " + u : p;
  switch (c) {
    case cause_category::information: return "Information missing or late at " + where;
    case cause_category::feedback: return "No word back to " + p + " on the work it hands on";
    case cause_category::resources: return "Tools in the way";
    case cause_category::capacity: return "Not enough capacity";
    case cause_category::process: return "Rework and waiting";
  }
  return "";
}

bool at_symptom(cause_link l) {
  return l == cause_link::needs_at_symptom || l == cause_link::tools_at_symptom ||
         l == cause_link::capacity_at_symptom;
}

std::string unknown_advice(const std::string& unknown, const std::string& p) {
  if (unknown == "no needs declared")
    return "No needs declared: say which information " + p +
           " relies on (needs), so that orgflow can check that it arrives, and fresh.";
  if (unknown == "no capacity")
    return "No capacity: give " + p + " a capacity (and staff), so that orgflow can tell whether it is overloaded.";
  if (unknown == "no inbound flows")
    return "No inbound flows: no information reaches " + p +
           " in the model; map how it learns what it needs (meetings, e-mail, systems).";
  if (unknown == "no handoffs from the performer")
    return "No handoffs from " + p + ": the model shows no work that " + p +
           " hands on, so whether it hears back how that work turned out cannot be judged.";
  return unknown;
}

}  // namespace orgflow::report_detail
