// Writers for the results of analyze(): the JSON of cli.md ("JSON report of
// analyze"), a text report for a terminal, and Markdown for documents.
// Writers only format: every number, finding and path comes from the
// analysis_result; names come from the model.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/model.hpp"
#include "orgflow/whatif.hpp"

namespace orgflow {

/// What the model leaves out, in plain words, one sentence per empty layer
/// (flows, handoffs, needs, capacities, in that order; a model with neither
/// flows nor handoffs gets one sentence for both); empty when the model
/// covers all four. Every report format prints these. O(1); a model with
/// none of the four layers gets three notes.
std::vector<std::string> coverage_notes(const model_coverage& c);

/// Receives a writer's output in pieces, in order. The writers of analyze
/// hand a report out as they produce it, so that a report of a gigabyte
/// (the need rows of a model with long delivery paths) is never held whole;
/// the pieces joined are the bytes the string overload returns.
using text_sink = std::function<void(std::string_view)>;

/// The `analyze` JSON of cli.md, byte for byte deterministic, with a final
/// newline. Numbers follow analyses.md, Output (hours, per hour, 6 decimals).
/// O(size of the output: findings, need rows with their paths, units,
/// processes, groups with their members), plus sorting units, processes and
/// groups by key; the sink overload hands the text out in pieces of about
/// 1 MiB. An empty result gives zero counts, empty arrays and objects, and
/// `"model": null` for a model without a name.
std::string write_analysis_json(const model& m, const analysis_result& r);
void write_analysis_json(const model& m, const analysis_result& r, const text_sink& sink);

struct text_options {
  bool color = false;  // ANSI colours (the tool sets it only on a terminal without NO_COLOR)
};
/// A terminal report: a one-line verdict, then findings grouped by severity,
/// each with its evidence path in names (`Product Development → Sales
/// (quarterly) → Marketing (monthly, 2d)`) and its recommendation.
/// O(findings · evidence length + need rows), plus indexing the model's
/// names, O((units + artifacts + flows + handoffs) log). An empty result:
/// "no findings", the coverage line and its notes, and "Needs: none
/// declared".
std::string write_analysis_text(const model& m, const analysis_result& r, const text_options& o = {});
void write_analysis_text(const model& m, const analysis_result& r, const text_options& o, const text_sink& sink);
/// The same report as Markdown, with tables of needs, load and processes.
/// Same cost, plus need rows · path length. An empty result: "No findings",
/// a summary table of zeros, the coverage line and its notes.
std::string write_analysis_markdown(const model& m, const analysis_result& r);
void write_analysis_markdown(const model& m, const analysis_result& r, const text_sink& sink);

// --- diagnose (cli.md, JSON of diagnose) ------------------------------------

struct plan;  // orgflow/plan.hpp

/// One diagnosis as the JSON object of cli.md (no final newline).
/// O(causes + context + unknowns); `m` and `r` are not read. A diagnosis
/// without causes or context has empty arrays.
std::string diagnosis_json_object(const model& m, const analysis_result& r, const diagnosis& d);
/// `orgflow diagnose` JSON: one object (with `plan` last when `p` is given),
/// or with `as_array` (`--all`) `{"diagnoses": [...]}`; a final newline.
/// O(size of the diagnoses). No diagnosis: `null` (then `p` is not written)
/// or `{"diagnoses": []}`.
std::string write_diagnoses_json(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                                 bool as_array, const plan* p = nullptr);
/// For people: the verdict with the performer in the first sentence, the
/// causes grouped by category (information, feedback, tools, capacity,
/// rework and waiting) with their evidence and what to do, the risks near
/// the performer that are not causes, what the model does not say, and,
/// with `p` (for the first diagnosis), the plan: the changes, the verdict
/// and causes after them, and what no change removes. O(diagnoses · (model
/// size · log + (causes + context) · evidence length)): the names of the
/// model are indexed again for each diagnosis. No diagnosis: an empty
/// string.
std::string write_diagnoses_text(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                                 const text_options& o = {}, const plan* p = nullptr);
/// The same in Markdown, every cause and risk listed. O(model size · log +
/// diagnoses · (causes + context) · evidence length). No diagnosis: one
/// line, "<model name> declares no symptom to diagnose.".
std::string write_diagnoses_markdown(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                                     const plan* p = nullptr);

// --- whatif and diff -------------------------------------------------------

/// What the comparison is of: a what-if (with its changes) or a diff of two
/// files.
struct comparison_context {
  std::string before_label;          // "before" or the old file's name
  std::string after_label;           // "after" or the new file's name
  std::vector<std::string> changes;  // the changes as written (whatif), empty for diff
};
/// The comparison as JSON, for a terminal, and as Markdown. Each is O(the
/// findings resolved, added and kept, with their changed metrics + needs +
/// units + verdicts); text and Markdown also index both models' names,
/// O(model size · log). An empty comparison gives the counts, all 0, and
/// empty lists.
std::string write_comparison_json(const model& before, const model& after, const comparison& c,
                                  const comparison_context& ctx);
std::string write_comparison_text(const model& before, const model& after, const comparison& c,
                                  const comparison_context& ctx, const text_options& o = {});
std::string write_comparison_markdown(const model& before, const model& after, const comparison& c,
                                      const comparison_context& ctx);
/// The comparison in `format`: `json`, `md`, else text with `o` (an empty
/// format too). The writer's cost.
std::string write_comparison_as(std::string_view format, const model& before, const model& after,
                                const comparison& c, const comparison_context& ctx, const text_options& o);

}  // namespace orgflow
