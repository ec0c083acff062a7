// Pieces shared by the HTML and Markdown leadership reports (see
// report_parts.hpp).
#include "document/report_parts.hpp"

#include <map>
#include <stdexcept>

#include "orgflow/io.hpp"
#include "orgflow/number.hpp"
#include "orgflow/text.hpp"

namespace orgflow::document_detail {

using report_detail::model_index;

std::string html_text(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  report_detail::for_each_code_point(s, [&](std::uint32_t cp, std::string_view raw, bool valid) {
    if (!valid) { out += "\xEF\xBF\xBD"; return; }
    switch (cp) {
      case '&': out += "&amp;"; return;
      case '<': out += "&lt;"; return;
      case '>': out += "&gt;"; return;
      case '"': out += "&quot;"; return;
      case '\'': out += "&#39;"; return;
      case '\n': case '\r': case '\t': out += ' '; return;
      default: break;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return;
    out.append(raw.data(), raw.size());
  });
  return out;
}

std::string join_words(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

summary_plan plan_summary(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds) {
  summary_plan p;
  const std::int64_t crit = r.count(severity::critical), warn = r.count(severity::warning);
  auto plural = [](std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  if (crit > 0)
    p.headline = m.display_name() + ": " + plural(crit, "critical problem", "critical problems") + " and " +
                 plural(warn, "warning", "warnings") + " in how information and work move.";
  else if (warn > 0)
    p.headline = m.display_name() + ": no critical problem, " + plural(warn, "warning", "warnings") + ".";
  else
    p.headline = m.display_name() + ": no problem found in how information and work move, as far as the model goes.";
  for (const diagnosis& d : ds) p.verdicts.push_back(d.summary);

  std::map<std::pair<std::string, std::string>, std::size_t> seen;  // (code, artifact) -> item
  for (const finding& f : r.findings) {
    if (f.level == severity::info) break;  // findings come ordered by severity
    const auto key = std::make_pair(f.code, f.artifact.value_or(""));
    auto it = seen.find(key);
    if (it != seen.end()) {
      ++p.items[it->second].more;
      continue;
    }
    if (p.items.size() >= 5) continue;
    seen.emplace(key, p.items.size());
    summary_item item;
    item.level = f.level;
    item.title = f.title;
    if (!item.title.empty() && item.title.back() != '.') item.title += ".";
    item.recommendation = f.recommendation;
    p.items.push_back(std::move(item));
  }
  return p;
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

diagram draw_file(const model& m, const render_options& o) {
  diagram d;
  try {
    d.svg = render_view(m, o, output_format::svg);
    d.ok = true;
  } catch (const std::invalid_argument& e) {
    d.error = e.what();
  } catch (const environment_error& e) {
    d.error = std::string("The diagram could not be drawn: ") + e.what();
  }
  return d;
}

diagram draw(const model& m, const render_options& o, const std::string& prefix) {
  diagram d = draw_file(m, o);
  if (!d.ok) return d;
  std::string& s = d.svg;
  const std::size_t start = s.find("<svg");
  if (start == std::string::npos) {
    d.ok = false;
    d.error = "The diagram could not be drawn: Graphviz wrote no SVG.";
    return d;
  }
  s.erase(0, start);
  strip_comments(s);
  replace_all(s, " id=\"", " id=\"" + prefix + "-");
  replace_all(s, "url(#", "url(#" + prefix + "-");
  replace_all(s, "href=\"#", "href=\"#" + prefix + "-");
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return d;
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

struct need_cells {
  std::string unit, artifact, owner, path, lag, worst, tolerance, share;
};

template <typename Escape>
std::vector<need_cells> need_rows(const model_index& index, const analysis_result& r, Escape&& escape) {
  std::vector<need_cells> out;
  for (const need_row& n : r.needs) {
    if (n.own) continue;
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
      c.share = n.outdated_share ? format_number(*n.outdated_share * 100.0, 1) + " %" : "-";
    } else {
      c.path = "never arrives";
      c.lag = c.worst = c.share = "-";
    }
    c.tolerance = n.tolerance ? human_duration(*n.tolerance) : "-";
    out.push_back(std::move(c));
  }
  return out;
}

std::string pct(const std::optional<double>& x) { return x ? format_number(*x * 100.0, 0) + " %" : "-"; }
std::string hours(const std::optional<double>& h) { return h ? format_number(*h, 1) + " h" : "unbounded"; }

}  // namespace

std::string needs_table_html(const model_index& index, const analysis_result& r) {
  const auto rows = need_rows(index, r, html_text);
  if (rows.empty()) return "<p>The model declares no needs.</p>\n";
  std::string out = "<table><tr><th>Unit</th><th>Needs</th><th>How it travels</th><th>Average lag</th>"
                    "<th>Worst lag</th><th>Tolerance</th><th>Outdated</th></tr>\n";
  for (const need_cells& c : rows)
    out += "<tr><td>" + c.unit + "</td><td>" + c.artifact + "</td><td>" + c.path + "</td><td class=\"num\">" + c.lag +
           "</td><td class=\"num\">" + c.worst + "</td><td class=\"num\">" + c.tolerance + "</td><td class=\"num\">" +
           c.share + "</td></tr>\n";
  return out + "</table>\n";
}

std::string needs_table_markdown(const model_index& index, const analysis_result& r) {
  const auto rows = need_rows(index, r, report_detail::markdown_text);
  if (rows.empty()) return "The model declares no needs.\n";
  std::string out = "| Unit | Needs | How it travels | Average lag | Worst lag | Tolerance | Outdated |\n"
                    "|---|---|---|---:|---:|---:|---:|\n";
  for (const need_cells& c : rows)
    out += "| " + c.unit + " | " + c.artifact + " | " + c.path + " | " + c.lag + " | " + c.worst + " | " +
           c.tolerance + " | " + c.share + " |\n";
  return out;
}

std::string load_table_html(const model_index& index, const analysis_result& r) {
  std::string out;
  for (const unit_metrics& u : r.units) {
    if (!u.utilization) continue;
    out += "<tr><td>" + html_text(index.unit_name(u.id)) + "</td><td class=\"num\">" + pct(u.utilization) +
           "</td><td class=\"num\">" + hours(u.wait_h) + "</td></tr>\n";
  }
  if (out.empty()) return "<p>No unit has a capacity in the model, so its load cannot be judged.</p>\n";
  return "<table><tr><th>Unit</th><th>Utilization</th><th>Wait before work starts</th></tr>\n" + out + "</table>\n";
}

std::string load_table_markdown(const model_index& index, const analysis_result& r) {
  std::string out;
  for (const unit_metrics& u : r.units) {
    if (!u.utilization) continue;
    out += "| " + report_detail::markdown_text(index.unit_name(u.id)) + " | " + pct(u.utilization) + " | " +
           hours(u.wait_h) + " |\n";
  }
  if (out.empty()) return "No unit has a capacity in the model, so its load cannot be judged.\n";
  return "| Unit | Utilization | Wait before work starts |\n|---|---:|---:|\n" + out;
}

}  // namespace orgflow::document_detail
