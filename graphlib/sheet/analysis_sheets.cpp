// Findings as spreadsheets (orgflow/sheet.hpp): `analyze --format csv` and
// `--format xlsx`. Like the other writers these only format: positions,
// findings, need rows and metrics all come from the analysis_result, and
// numbers are rounded as the analyze JSON rounds them (hours, 6 decimals), so
// that a spreadsheet and the JSON never disagree.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "orgflow/number.hpp"
#include "orgflow/report.hpp"
#include "orgflow/sheet.hpp"
#include "sheet/cell_text.hpp"
#include "sheet/cell_values.hpp"

namespace orgflow {

namespace {

sheet_cell text_cell(const std::string& s) { return s.empty() ? sheet_cell{} : sheet_cell::of_text(s); }
sheet_cell optional_text(const std::optional<std::string>& s) { return s ? text_cell(*s) : sheet_cell{}; }
sheet_cell list_cell(const std::vector<std::string>& items) {
  return items.empty() ? sheet_cell{} : sheet_cell::of_text(sheet_detail::list_text(items));
}
sheet_cell integer_cell(std::int64_t v) { return sheet_cell::of_number(static_cast<double>(v)); }
// A number as the JSON prints it (6 decimals, half to even); empty for null.
sheet_cell rounded(const std::optional<double>& x) {
  if (!x) return {};
  const auto v = sheet_detail::parse_number(format_number(*x));
  return v ? sheet_cell::of_number(*v) : sheet_cell{};
}
sheet_cell hours(const std::optional<millis>& ms) {
  if (!ms) return {};
  const auto v = sheet_detail::parse_number(format_hours(*ms));
  return v ? sheet_cell::of_number(*v) : sheet_cell{};
}

std::vector<sheet_cell> header(std::initializer_list<const char*> names) {
  std::vector<sheet_cell> row;
  for (const char* n : names) row.push_back(sheet_cell::of_text(n));
  return row;
}

sheet findings_sheet(const analysis_result& r) {
  sheet s;
  s.name = "findings";
  s.rows.push_back(header({"position", "severity", "code", "title", "units", "artifact", "process", "ref",
                           "recommendation", "accepted"}));
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const finding& f = r.findings[i];
    if (f.hidden) continue;
    s.rows.push_back({integer_cell(static_cast<std::int64_t>(i + 1)), sheet_cell::of_text(std::string(to_string(f.level))),
                      sheet_cell::of_text(f.code), text_cell(f.title), list_cell(f.units), optional_text(f.artifact),
                      optional_text(f.process), optional_text(f.ref), text_cell(f.recommendation),
                      optional_text(f.accepted)});
  }
  return s;
}

sheet needs_sheet(const analysis_result& r) {
  sheet s;
  s.name = "needs";
  s.rows.push_back(header({"unit", "artifact", "owner", "implicit", "source_handoff", "own", "delivered",
                           "expected_lag_h", "worst_lag_h", "reliability", "tolerance_h", "outdated_share", "hops",
                           "path", "flows", "purpose"}));
  for (const need_row& n : r.needs)
    s.rows.push_back({sheet_cell::of_text(n.unit), sheet_cell::of_text(n.artifact), sheet_cell::of_text(n.owner),
                      sheet_cell::of_boolean(n.implicit), optional_text(n.source_handoff), sheet_cell::of_boolean(n.own),
                      sheet_cell::of_boolean(n.delivered), hours(n.expected_lag), hours(n.worst_lag),
                      rounded(n.reliability), hours(n.tolerance), rounded(n.outdated_share),
                      n.hops ? integer_cell(*n.hops) : sheet_cell{}, list_cell(n.path), list_cell(n.flows),
                      optional_text(n.purpose)});
  return s;
}

sheet units_sheet(const model& m, const analysis_result& r) {
  sheet s;
  s.name = "units";
  s.rows.push_back(header({"id", "name", "flows_in", "flows_out", "betweenness", "relays", "utilization", "wait_h"}));
  // find_unit is a linear search: index the names once (10,000 units).
  std::unordered_map<std::string_view, const unit*> by_id;
  by_id.reserve(m.units.size());
  for (const unit& u : m.units) by_id.emplace(u.id, &u);  // the first of a repeated id, as find_unit
  for (const unit_metrics& u : r.units) {
    const auto it = by_id.find(u.id);
    s.rows.push_back({sheet_cell::of_text(u.id), it != by_id.end() ? text_cell(it->second->display_name()) : sheet_cell{},
                      integer_cell(u.flows_in), integer_cell(u.flows_out), rounded(u.betweenness),
                      integer_cell(u.relays), rounded(u.utilization), rounded(u.wait_h)});
  }
  return s;
}

sheet summary_sheet(const analysis_result& r) {
  sheet s;
  s.name = "summary";
  const auto row = [&](const char* key, sheet_cell value) { s.rows.push_back({sheet_cell::of_text(key), std::move(value)}); };
  s.rows.push_back(header({"key", "value"}));
  row("model", text_cell(r.model_name));
  row("critical", integer_cell(r.count(severity::critical)));
  row("warning", integer_cell(r.count(severity::warning)));
  row("info", integer_cell(r.count(severity::info)));
  if (r.has_accepted) row("accepted", integer_cell(r.accepted));
  if (r.filtered) row("filtered", integer_cell(*r.filtered));
  row("coverage: flows", integer_cell(r.coverage.flows));
  row("coverage: handoffs", integer_cell(r.coverage.handoffs));
  row("coverage: needs", integer_cell(r.coverage.needs));
  row("coverage: capacities", integer_cell(r.coverage.capacities));
  for (const std::string& note : coverage_notes(r.coverage)) row("note", text_cell(note));
  return s;
}

sheet analysis_readme() {
  sheet s;
  s.name = "README";
  const auto row = [&](std::initializer_list<const char*> texts) {
    std::vector<sheet_cell> cells;
    for (const char* t : texts) cells.push_back(*t ? sheet_cell::of_text(t) : sheet_cell{});
    s.rows.push_back(std::move(cells));
  };
  row({"The findings of orgflow analyze (docs/findings.md explains each code; docs/cli.md the numbers)."});
  row({"Durations are in hours (columns ending in _h), shares are fractions from 0 to 1, lists are separated by ;."});
  row({});
  s.header_row = s.rows.size();
  row({"sheet", "column", "meaning"});
  row({"summary", "key, value", "findings per severity (shown and not accepted), accepted and filtered counts, what the model covers"});
  row({"findings", "position", "the finding's number in the whole report (finding:N of render, finding of diagnose)"});
  row({"findings", "severity", "critical, warning or info"});
  row({"findings", "code", "the finding's code, such as STALE.ROUTE"});
  row({"findings", "title, recommendation", "what is wrong and what to do, in the model's names"});
  row({"findings", "units", "the units the finding concerns (ids)"});
  row({"findings", "artifact, process, ref", "the artifact, process and flow or handoff it is about, when it has one"});
  row({"findings", "accepted", "the reason from the model's accepted sheet, when the organization accepted it"});
  row({"needs", "unit, artifact, owner", "who needs which information, and who owns it"});
  row({"needs", "implicit, source_handoff", "true when the need comes from a handoff's context (that handoff's id)"});
  row({"needs", "own", "the owner's own need (always met)"});
  row({"needs", "delivered", "a route from the owner exists"});
  row({"needs", "expected_lag_h, worst_lag_h", "how old the information is on average and at worst when it arrives"});
  row({"needs", "reliability", "share of changes that arrive"});
  row({"needs", "tolerance_h", "how old it may be"});
  row({"needs", "outdated_share", "share of the time the unit works from an outdated copy"});
  row({"needs", "hops, path, flows", "the route: number of hops, units from the owner, chosen flow ids"});
  row({"needs", "purpose", "why the unit needs it, from the model"});
  row({"units", "flows_in, flows_out", "information flows into and out of the unit"});
  row({"units", "betweenness", "share of shortest routes between other units that pass through it"});
  row({"units", "relays", "delivery routes it passes on"});
  row({"units", "utilization, wait_h", "load against capacity, and the mean wait of work in its queue in hours"});
  return s;
}

}  // namespace

std::string write_findings_csv(const analysis_result& r) { return write_csv(findings_sheet(r)); }

workbook analysis_to_workbook(const model& m, const analysis_result& r) {
  workbook wb;
  wb.sheets.push_back(analysis_readme());
  wb.sheets.push_back(summary_sheet(r));
  wb.sheets.push_back(findings_sheet(r));
  wb.sheets.push_back(needs_sheet(r));
  wb.sheets.push_back(units_sheet(m, r));
  return wb;
}

}  // namespace orgflow
