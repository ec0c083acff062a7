// Helpers shared by the three writers of orgflow/report.hpp (escaping comes
// from the text toolkit, text/escape.hpp): counting findings, and the
// evidence path of a finding written in names with each hop's cadence and
// latency. Internal to graphlib/report.
//
// Model strings are UTF-8 as nlohmann validated them on load, but a model
// built in code (importers, whatif, tests) may hold anything: every escaper
// here replaces invalid UTF-8 by U+FFFD instead of throwing, so a writer
// never fails on a name.
#pragma once

#include <array>
#include <functional>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"
#include "text/escape.hpp"
#include "text/id_index.hpp"

namespace orgflow::report_detail {

// The writers escape with the text toolkit.
using text_detail::append_json_string;
using text_detail::display_width;
using text_detail::for_each_code_point;
using text_detail::json_string;
using text_detail::markdown_text;
using text_detail::terminal_text;

/// Hands `out` to `sink` and empties it once it holds 1 MiB or more: the
/// writers of analyze call it between findings and rows, so that memory
/// holds one piece of a large report at a time (report.hpp, text_sink).
inline void hand_out_large(std::string& out, const std::function<void(std::string_view)>& sink) {
  if (out.size() < (std::size_t{1} << 20)) return;
  sink(out);
  out.clear();
}

/// Findings per severity, indexed by severity value: those shown and not
/// accepted (what the summary counts).
std::array<std::int64_t, 3> severity_counts(const analysis_result& r);

/// "8 findings (4 critical, 3 warnings, 1 info)" or "no findings".
std::string findings_phrase(const std::array<std::int64_t, 3>& counts);

/// Lookups by id over a model, built once per report.
class model_index {
 public:
  explicit model_index(const model& m);
  /// The unit's display name, or the id itself for an unknown id.
  const std::string& unit_name(const std::string& id) const;
  const std::string& artifact_name(const std::string& id) const;
  const flow* find_flow(const std::string& id) const;
  const handoff* find_handoff(const std::string& id) const;
  const model& source() const { return *model_; }

 private:
  // The elements of one kind by id, the first with an id winning
  // (model-format.md: references resolve to the first). O(|id|) expected.
  template <class T>
  class by_id {
   public:
    void add(const std::string& id, const T* x) {
      if (ids_.intern(id) == items_.size()) items_.push_back(x);
    }
    const T* find(std::string_view id) const {
      const auto k = ids_.find(id);
      return k ? items_[*k] : nullptr;
    }

   private:
    text_detail::id_index ids_;
    std::vector<const T*> items_;
  };
  const model* model_;
  by_id<unit> units_;
  by_id<artifact> artifacts_;
  by_id<flow> flows_;
  by_id<handoff> handoffs_;
};

/// The flow or handoff a finding's `ref` names. Flow and handoff ids live in
/// separate namespaces (both may be `sales->marketing#1`): the finding's
/// ref_type (from the registry of codes) says which. nullptr when it names
/// neither.
const flow* ref_flow(const model_index& index, const finding& f);
const handoff* ref_handoff(const model_index& index, const finding& f);

/// One unit of an evidence path and, for every unit after the first, the
/// flow it was reached by (nullptr when unknown).
struct path_step {
  std::string unit_id;
  const flow* via = nullptr;
};

/// The evidence path of a finding: its `path` with the flows the analysis
/// chose (finding::path_flows). Empty when the finding has no path.
std::vector<path_step> evidence_path(const model_index& index, const analysis_result& r, const finding& f);

/// "quarterly", "monthly, 2 days delay", "on change": a flow's cadence and,
/// when above 0, its latency.
std::string hop_label(const flow& f);

/// "23 information flows, 8 handoffs of work, 16 needs, 5 units with a
/// capacity" (analyses.md, Coverage).
std::string coverage_counts(const model_coverage& c);
/// "Coverage: " + coverage_counts + ".".
std::string coverage_line(const model_coverage& c);

/// A path in names: `Product Development → Sales (quarterly) → Marketing
/// (monthly, 2d)`. Names pass through `escape` (terminal or Markdown).
template <typename Escape>
std::string path_in_names(const model_index& index, const std::vector<path_step>& steps, Escape&& escape) {
  std::string out;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i) out += " \u2192 ";
    out += escape(index.unit_name(steps[i].unit_id));
    if (i && steps[i].via) out += " (" + escape(hop_label(*steps[i].via)) + ")";
  }
  return out;
}

/// `text` filled into lines of at most `line_width` columns (words are never
/// cut; a longer word stands alone): the first line starts with `first`, the
/// others with `rest`, each line ends with a newline, and `paint_line` (when
/// given) wraps each line's text, not its indentation (for colours).
std::string wrap_text(std::string_view text, const std::string& first, const std::string& rest,
                      std::size_t line_width,
                      const std::function<std::string(const std::string&)>& paint_line = {});

/// Findings in report order with their 1-based number (the N of the
/// `finding:N` view), grouped by severity; shown and not accepted.
std::vector<std::pair<std::size_t, const finding*>> findings_of(const analysis_result& r, severity s);
/// The accepted findings that are shown, in report order, with their number.
std::vector<std::pair<std::size_t, const finding*>> accepted_findings(const analysis_result& r);
/// "Filtered: 3 findings left out of this report (...)", or empty without a
/// filter.
std::string filtered_line(const analysis_result& r);

// ---------------------------------------------------------------------------

}  // namespace orgflow::report_detail
