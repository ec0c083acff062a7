// Pieces shared by the HTML and Markdown leadership reports (see
// report_parts.hpp).
#include "document/report_parts.hpp"

#include <cstdlib>
#include <functional>
#include <map>

#include "orgflow/io.hpp"
#include "orgflow/number.hpp"
#include "orgflow/report.hpp"
#include "orgflow/text.hpp"

namespace orgflow::document_detail {

using report_detail::model_index;

summary_plan plan_summary(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                          const people_findings* people) {
  summary_plan p;
  const std::int64_t crit = r.count(severity::critical), warn = r.count(severity::warning);
  const std::vector<summary_item> from_people = people ? people_summary_items(*people) : std::vector<summary_item>{};
  if (crit > 0)
    p.headline = m.display_name() + ": " + count_of(crit, "critical problem", "critical problems") + " and " +
                 count_of(warn, "warning", "warnings") + " in how information and work move.";
  else if (warn > 0)
    p.headline = m.display_name() + ": no critical problem, " + count_of(warn, "warning", "warnings") + ".";
  else if (!from_people.empty())
    p.headline = m.display_name() + ": no problem found in the model, but the communication data shows where it "
                                    "hangs on single people.";
  else
    p.headline = m.display_name() + ": no problem found in how information and work move, as far as the model goes.";
  for (std::size_t i = 0; i < ds.size(); ++i) {
    if (i < verdicts_shown) p.verdicts.push_back(ds[i].summary);
    else ++p.more_verdicts;
  }

  // The model's findings take the places the person-level findings leave.
  const std::size_t room = summary_items - std::min(from_people.size(), std::size_t{2});
  std::map<std::pair<std::string, std::string>, std::size_t> seen;  // (code, artifact) -> item
  for (const finding& f : r.findings) {
    if (f.level == severity::info) break;  // findings come ordered by severity
    if (f.accepted || f.hidden) continue;  // accepted: listed apart, never a thing to fix first
    const auto key = std::make_pair(f.code, f.artifact.value_or(""));
    auto it = seen.find(key);
    if (it != seen.end()) {
      ++p.items[it->second].more;
      continue;
    }
    if (p.items.size() >= room) continue;
    seen.emplace(key, p.items.size());
    summary_item item;
    item.level = f.level;
    item.title = f.title;
    if (!item.title.empty() && item.title.back() != '.') item.title += ".";
    item.recommendation = f.recommendation;
    p.items.push_back(std::move(item));
  }
  for (const auto& item : from_people)
    if (p.items.size() < summary_items) p.items.push_back(item);
  return p;
}

std::vector<summary_item> people_summary_items(const people_findings& pf) {
  std::vector<summary_item> out;
  if (!pf.report) return out;
  const people_ranking& k = pf.ranking;
  if (!k.key_people.empty()) {
    const key_person& first = k.key_people.front();
    summary_item item;
    item.level = severity::warning;
    item.title = "The organization hangs on " + with_thousands(k.key_people.size()) +
                 (k.key_people.size() == 1 ? " person" : " people") + ": when " +
                 (first.person ? "person " + *first.person : "one person") + " of unit " + first.unit +
                 " is away, " + with_thousands(first.cut_off) +
                 (first.cut_off == 1 ? " colleague loses" : " colleagues lose") + " every tie to the rest.";
    item.recommendation = "Give the people who alone connect others a deputy or a second contact, starting with the "
                          "first of the ranked list below.";
    out.push_back(std::move(item));
  }
  if (!k.liaisons.empty()) {
    const ranked_liaison& first = k.liaisons.front();
    summary_item item;
    item.level = severity::warning;
    item.title = with_thousands(k.liaisons.size()) + (k.liaisons.size() == 1 ? " pair of units talks" : " pairs of units talk") +
                 " through one person, the largest units " + first.from + " and " + first.to + " (" +
                 with_thousands(first.smaller) + " people in the smaller).";
    item.recommendation = "Add a second contact between these units, largest first.";
    out.push_back(std::move(item));
  }
  return out;
}

std::string summary_item::more_text() const {
  if (more == 0) return {};
  return std::to_string(more) + (more == 1 ? " more finding like this one." : " more findings like this one.");
}

namespace {

void strip_comments(std::string& s) {
  std::size_t pos = 0;
  while ((pos = s.find("<!--", pos)) != std::string::npos) {
    const std::size_t end = s.find("-->", pos + 4);
    s.erase(pos, end == std::string::npos ? std::string::npos : end + 3 - pos);
  }
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

diagram inline_svg(std::string svg, const std::string& prefix) {
  diagram d;
  const std::size_t start = svg.find("<svg");
  if (start == std::string::npos) {
    d.error = "The diagram could not be drawn: Graphviz wrote no SVG.";
    return d;
  }
  svg.erase(0, start);
  strip_comments(svg);
  replace_all(svg, " id=\"", " id=\"" + prefix + "-");
  replace_all(svg, "url(#", "url(#" + prefix + "-");
  replace_all(svg, "href=\"#", "href=\"#" + prefix + "-");
  while (!svg.empty() && (svg.back() == '\n' || svg.back() == ' ')) svg.pop_back();
  // Graphviz writes width="123pt": in CSS pixels, 4/3 of that.
  const auto w = svg.find(" width=\"");
  if (w != std::string::npos) d.width_px = std::atof(svg.c_str() + w + 8) * 4.0 / 3.0;
  d.svg = std::move(svg);
  d.ok = true;
  return d;
}

std::vector<diagram> draw_all(const model& m, const std::vector<render_options>& views,
                              const std::vector<std::string>& prefixes, unsigned jobs) {
  std::vector<rendered_view> drawn = render_views(m, views, output_format::svg, jobs);
  std::vector<diagram> out(drawn.size());
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    if (!drawn[i].ok) {
      out[i].error = drawn[i].bad_view ? drawn[i].error : "The diagram could not be drawn: " + drawn[i].error;
      out[i].bad_view = drawn[i].bad_view;
      continue;
    }
    if (i < prefixes.size()) {
      out[i] = inline_svg(std::move(drawn[i].bytes), prefixes[i]);
    } else {
      out[i].svg = std::move(drawn[i].bytes);
      strip_comments(out[i].svg);
      out[i].ok = true;
    }
  }
  return out;
}

const char* const page_css = R"(
:root { --ink:#1f2933; --muted:#52606d; --line:#d9e2ec; --crit:#b42318; --warn:#b54708; --info:#175cd3; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1100px; padding: 24px 32px 64px; line-height: 1.45; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 17px; margin: 22px 0 6px; }
.sub { color: var(--muted); margin: 0 0 14px; }
.verdict { font-size: 18px; font-weight: bold; margin: 0 0 6px; }
.summary { background: #f5f7fa; border-left: 6px solid var(--crit); padding: 12px 20px; margin: 12px 0; }
.summary.ok { border-left-color: #067647; }
.summary ol { margin: 4px 0 0; padding-left: 22px; }
.summary li { margin: 4px 0; }
.summary li .todo-inline { color: var(--muted); }
.summary p { margin: 6px 0; }
.badge { display: inline-block; font-size: 12px; font-weight: bold; text-transform: uppercase; color: #fff;
         border-radius: 4px; padding: 1px 7px; margin-right: 6px; vertical-align: 1px; }
.critical { background: var(--crit); } .warning { background: var(--warn); } .info { background: var(--info); }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; margin: 12px 0; break-inside: avoid; }
.finding .title { font-weight: bold; }
.evidence { color: var(--muted); }
.todo { margin-top: 4px; }
.todo::before { content: "What to do: "; font-weight: bold; }
figure { margin: 12px 0; text-align: center; }
figcaption { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f5f7fa; }
td.num { text-align: right; white-space: nowrap; }
.note { color: var(--muted); font-size: 13px; }
.covers { background: #fffaeb; border-left: 6px solid var(--warn); padding: 8px 20px; margin: 12px 0; }
.covers p { margin: 4px 0; }
.covers ul { margin: 4px 0; padding-left: 22px; }
details > summary { cursor: pointer; color: var(--muted); font-size: 13px; margin: 6px 0; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } figure { break-inside: avoid; } }
)";

std::string html_head(const std::string& title) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_text(title) + "</title>\n<style>" + std::string(page_css) + zoom_css +
         "</style>\n</head>\n<body>\n";
  return out;
}

std::string badge(severity s) {
  const std::string w(to_string(s));
  return "<span class=\"badge " + w + "\">" + w + "</span>";
}

const char* const zoom_css = R"(
.zoom { position: relative; }
.zoom > input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.zoom > label { display: inline-block; font-size: 12px; color: var(--muted); border: 1px solid var(--line);
                border-radius: 4px; padding: 1px 8px; margin: 0 4px 4px 0; cursor: pointer; user-select: none; }
.zoom > input:checked + label { background: var(--ink); border-color: var(--ink); color: #fff; }
.zoom > input:focus-visible + label { outline: 2px solid var(--info); }
.pan { overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 6px; background: #fff;
       text-align: left; }
.pan svg { display: block; margin: 0 auto; }
.zoom > .fit:checked ~ .pan svg { width: 100%; height: auto; }
.zoom > .one:checked ~ .pan svg { max-width: none; }
.zoom > .two:checked ~ .pan svg { width: calc(2 * var(--w)); height: auto; max-width: none; }
@media print { .zoom > label { display: none; } .pan { overflow: visible; max-height: none; border: 0; }
               .pan svg { width: 100%; height: auto; } }
)";

std::string zoomable_figure(const diagram& d, const std::string& id, const std::string& caption) {
  std::string out = "<figure><div class=\"zoom\">";
  const std::pair<const char*, const char*> buttons[] = {{"fit", "Fit to page"}, {"one", "Actual size"}, {"two", "200%"}};
  for (const auto& [cls, words] : buttons) {
    const std::string input = "z-" + id + "-" + cls;
    out += "<input type=\"radio\" name=\"z-" + id + "\" id=\"" + input + "\" class=\"" + cls + "\"" +
           (std::string(cls) == "one" ? " checked" : "") + "><label for=\"" + input + "\">" + words + "</label>";
  }
  out += "<div class=\"pan\" style=\"--w:" + format_number(d.width_px, 0) + "px\">" + d.svg + "</div></div>";
  out += "<figcaption>" + html_text(caption) + "</figcaption></figure>\n";
  return out;
}

std::string map_caption(const analysis_result& r) {
  std::string out = "Units and the information that flows between them";
  if (!r.findings.empty()) out += ", with the findings marked (see the legend)";
  return out + ".";
}

std::string cause_words(const model_index& index, const diagnosis& d, const cause& c) {
  const std::string p = index.unit_name(d.performer);
  const std::string u = index.unit_name(d.query.unit);
  switch (c.link) {
    case cause_link::needs: return "information " + p + " needs";
    case cause_link::feedback: return "feedback to " + p;
    case cause_link::tools: return "tools on the way to " + p;
    case cause_link::capacity: return "capacity of " + p;
    case cause_link::rework: return "rework " + p + " is part of";
    case cause_link::needs_at_symptom: return "information " + u + " needs";
    case cause_link::tools_at_symptom: return "tools on the way to " + u;
    case cause_link::capacity_at_symptom: return "capacity of " + u;
    case cause_link::waiting: return "work waiting for " + p;
    case cause_link::upstream_capacity: return "capacity upstream of " + p;
  }
  return "";
}

namespace {

// "N more causes; orgflow diagnose MODEL --symptom S lists them all."
std::string more_of(const diagnosis& d, std::size_t all, const char* one, const char* many) {
  const std::size_t n = all - std::min(all, causes_shown);
  const std::string how = d.query.symptom_id ? "orgflow diagnose MODEL --symptom " + *d.query.symptom_id
                                             : "orgflow diagnose MODEL --unit " + d.query.unit;
  return with_thousands(n) + " " + (n == 1 ? one : many) + "; " + how + " lists them all.";
}

}  // namespace

std::string more_causes(const diagnosis& d) { return more_of(d, d.causes.size(), "more cause", "more causes"); }

std::string more_context(const diagnosis& d) {
  return more_of(d, d.context.size(), "more risk nearby", "more risks nearby");
}

namespace {

/// The rows of a table of `n` rows shown when at most `limit` fit: all of
/// them in order, or those with a problem first (in order), then the others.
std::vector<std::size_t> pick_rows(std::size_t n, std::size_t limit, const std::function<bool(std::size_t)>& problem) {
  std::vector<std::size_t> out;
  if (n <= limit) {
    for (std::size_t i = 0; i < n; ++i) out.push_back(i);
    return out;
  }
  for (std::size_t i = 0; i < n && out.size() < limit; ++i)
    if (problem(i)) out.push_back(i);
  for (std::size_t i = 0; i < n && out.size() < limit; ++i)
    if (!problem(i)) out.push_back(i);
  return out;
}

std::string rows_left_out(std::size_t shown, std::size_t all, const char* what) {
  if (shown >= all) return {};
  return "Shown: " + with_thousands(shown) + " of " + with_thousands(all) + " " + what +
         ", those with a problem first; orgflow analyze MODEL --format json lists them all.";
}

struct need_cells {
  std::string unit, artifact, owner, path, lag, worst, tolerance, share;
};

std::vector<const need_row*> needs_shown(const analysis_result& r, std::size_t limit, std::size_t& all) {
  std::vector<const need_row*> rows;
  for (const need_row& n : r.needs)
    if (!n.own) rows.push_back(&n);
  all = rows.size();
  const auto pick = pick_rows(rows.size(), limit, [&](std::size_t i) {
    const need_row& n = *rows[i];
    return !n.delivered || (n.tolerance && n.worst_lag && *n.worst_lag > *n.tolerance);
  });
  std::vector<const need_row*> out;
  for (std::size_t i : pick) out.push_back(rows[i]);
  return out;
}

template <typename Escape>
std::vector<need_cells> need_rows(const model_index& index, const std::vector<const need_row*>& shown, Escape&& escape) {
  std::vector<need_cells> out;
  for (const need_row* row : shown) {
    const need_row& n = *row;
    need_cells c;
    c.unit = escape(index.unit_name(n.unit));
    c.artifact = escape(index.artifact_name(n.artifact)) + (n.implicit ? " (with the work)" : "");
    c.owner = escape(index.unit_name(n.owner));
    if (n.delivered) {
      std::vector<report_detail::path_step> steps;
      for (std::size_t i = 0; i < n.path.size(); ++i)
        steps.push_back({n.path[i], i == 0 || i - 1 >= n.flows.size() ? nullptr : index.find_flow(n.flows[i - 1])});
      c.path = report_detail::path_in_names(index, steps, escape);
      c.lag = human_duration(n.expected_lag.value_or(0));
      c.worst = human_duration(n.worst_lag.value_or(0));
      c.share = n.outdated_share ? human_percent(*n.outdated_share) : "-";
    } else {
      c.path = "never arrives";
      c.lag = c.worst = c.share = "-";
    }
    c.tolerance = n.tolerance ? human_duration(*n.tolerance) : "-";
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<const unit_metrics*> loads_shown(const analysis_result& r, std::size_t limit, std::size_t& all) {
  std::vector<const unit_metrics*> rows;
  for (const unit_metrics& u : r.units)
    if (u.utilization) rows.push_back(&u);
  all = rows.size();
  const auto pick = pick_rows(rows.size(), limit, [&](std::size_t i) { return *rows[i]->utilization >= overload_utilization; });
  std::vector<const unit_metrics*> out;
  for (std::size_t i : pick) out.push_back(rows[i]);
  return out;
}

std::string pct(const std::optional<double>& x) { return x ? human_percent(*x) : "-"; }
std::string wait_words(const unit_metrics& u) {
  if (u.wait_h) return human_hours(*u.wait_h);
  return u.utilization && *u.utilization >= 1 ? "grows without bound" : "-";
}

}  // namespace

std::string needs_table_html(const model_index& index, const analysis_result& r, std::size_t limit) {
  std::size_t all = 0;
  const auto rows = need_rows(index, needs_shown(r, limit, all), html_text);
  if (rows.empty()) return "<p>The model declares no needs.</p>\n";
  std::string out = "<table><tr><th>Unit</th><th>Needs</th><th>How it travels</th><th>Average lag</th>"
                    "<th>Worst lag</th><th>Tolerance</th><th>Outdated</th></tr>\n";
  for (const need_cells& c : rows)
    out += "<tr><td>" + c.unit + "</td><td>" + c.artifact + "</td><td>" + c.path + "</td><td class=\"num\">" + c.lag +
           "</td><td class=\"num\">" + c.worst + "</td><td class=\"num\">" + c.tolerance + "</td><td class=\"num\">" +
           c.share + "</td></tr>\n";
  out += "</table>\n";
  if (const std::string left = rows_left_out(rows.size(), all, "needs"); !left.empty())
    out += "<p class=\"note\">" + html_text(left) + "</p>\n";
  return out;
}

std::string needs_table_markdown(const model_index& index, const analysis_result& r, std::size_t limit) {
  std::size_t all = 0;
  const auto rows = need_rows(index, needs_shown(r, limit, all), report_detail::markdown_text);
  if (rows.empty()) return "The model declares no needs.\n";
  std::string out = "| Unit | Needs | How it travels | Average lag | Worst lag | Tolerance | Outdated |\n"
                    "|---|---|---|---:|---:|---:|---:|\n";
  for (const need_cells& c : rows)
    out += "| " + c.unit + " | " + c.artifact + " | " + c.path + " | " + c.lag + " | " + c.worst + " | " +
           c.tolerance + " | " + c.share + " |\n";
  if (const std::string left = rows_left_out(rows.size(), all, "needs"); !left.empty())
    out += "\n" + report_detail::markdown_text(left) + "\n";
  return out;
}

std::string load_table_html(const model_index& index, const analysis_result& r, std::size_t limit) {
  std::size_t all = 0;
  const auto rows = loads_shown(r, limit, all);
  if (rows.empty()) return "<p>No unit has a capacity in the model, so its load cannot be judged.</p>\n";
  std::string out = "<table><tr><th>Unit</th><th>Utilization</th><th>Wait before work starts</th></tr>\n";
  for (const unit_metrics* u : rows)
    out += "<tr><td>" + html_text(index.unit_name(u->id)) + "</td><td class=\"num\">" + pct(u->utilization) +
           "</td><td class=\"num\">" + wait_words(*u) + "</td></tr>\n";
  out += "</table>\n";
  if (const std::string left = rows_left_out(rows.size(), all, "units with a capacity"); !left.empty())
    out += "<p class=\"note\">" + html_text(left) + "</p>\n";
  return out;
}

std::string load_table_markdown(const model_index& index, const analysis_result& r, std::size_t limit) {
  std::size_t all = 0;
  const auto rows = loads_shown(r, limit, all);
  if (rows.empty()) return "No unit has a capacity in the model, so its load cannot be judged.\n";
  std::string out = "| Unit | Utilization | Wait before work starts |\n|---|---:|---:|\n";
  for (const unit_metrics* u : rows)
    out += "| " + report_detail::markdown_text(index.unit_name(u->id)) + " | " + pct(u->utilization) + " | " +
           wait_words(*u) + " |\n";
  if (const std::string left = rows_left_out(rows.size(), all, "units with a capacity"); !left.empty())
    out += "\n" + report_detail::markdown_text(left) + "\n";
  return out;
}

std::vector<render_options> report_views(const analysis_result& r, const document_options& o,
                                         const finding_plan& shown) {
  std::vector<render_options> views;
  render_options map;
  map.view = o.view;
  map.layout = o.layout;
  map.analysis = &r;
  views.push_back(map);
  for (const std::size_t i : shown.top) {
    render_options ro;
    ro.view = "finding:" + std::to_string(i + 1);
    ro.analysis = &r;
    views.push_back(ro);
  }
  return views;
}

finding_plan plan_findings(const analysis_result& r, std::size_t top, std::size_t limit) {
  finding_plan out;
  std::map<std::string, std::size_t> left;
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const finding& f = r.findings[i];
    if (f.hidden) continue;
    if (f.accepted) {
      if (out.accepted.size() < limit) out.accepted.push_back(i);
      continue;
    }
    ++out.open;
    if (out.top.size() < top) out.top.push_back(i);
    else if (out.listed.size() < limit) out.listed.push_back(i);
    else ++left[f.code];
  }
  out.unlisted.assign(left.begin(), left.end());
  return out;
}

std::string top_sentence(const finding_plan& p) {
  if (p.top.size() >= p.open) return {};
  return "The " + with_thousands(p.top.size()) + " most serious of " + with_thousands(p.open) +
         " findings in detail, each with its evidence on a diagram; the others after them.";
}

std::string unlisted_sentence(const finding_plan& p) {
  if (p.unlisted.empty()) return {};
  std::vector<std::string> parts;
  std::size_t n = 0;
  for (const auto& [code, count] : p.unlisted) {
    parts.push_back(with_thousands(count) + " " + code);
    n += count;
  }
  return "And " + with_thousands(n) + " more findings: " + join_words(parts) +
         ". orgflow analyze MODEL lists them all; orgflow render MODEL --view finding:N -o finding.svg draws any one "
         "of them.";
}

std::string accepted_sentence(const analysis_result& r, const finding_plan& p) {
  const auto n = static_cast<std::uint64_t>(r.accepted);
  std::string out = with_thousands(n) + (n == 1 ? " finding is" : " findings are") +
                    " accepted in the model (its \"accepted\" list gives the reason): listed here, not counted above.";
  if (p.accepted.size() < n) out += " The first " + with_thousands(p.accepted.size()) + " of them:";
  return out;
}

coverage_text model_covers(const analysis_result& r) {
  return {report_detail::coverage_counts(r.coverage), coverage_notes(r.coverage)};
}

}  // namespace orgflow::document_detail
