// What the arrows of a map say (render/arrow_text.hpp): folded flows and
// handoffs as labels and tooltips, in the text toolkit's human units.
#include "render/arrow_text.hpp"

#include <set>

#include "orgflow/number.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/text.hpp"
#include "render/dot_build.hpp"
#include "text/dot_text.hpp"
#include "render/view_style.hpp"

namespace orgflow::render_detail {

namespace {

constexpr std::size_t tooltip_members = 12;  // members an arrow's tooltip details; the rest are counted

std::string occurrence_words(const strength& s) {
  if (s.with_volume || s.with_occurrences == 0 || s.occurrences < 2) return {};
  return format_number(s.occurrences, 0) + " times";
}

}  // namespace

std::string names_summary(const std::vector<std::string>& names) {
  if (names.size() <= 2) return join(names, ", ");
  return names[0] + ", " + names[1] + ", +" + std::to_string(names.size() - 2);
}



arrow_text flow_text(const model_index& ix, const arrow& ar, const marks& mk, const focus* fc, const view_graph& g) {
  const model& m = ix.source();
  arrow_text t;
  const bool collapsed = g.boxes.at(ar.from).kind != box::type::unit || g.boxes.at(ar.to).kind != box::type::unit;
  const auto from_name = [&]() { return ar.from == pool_key ? std::string("units in no group") : ix.unit_name(ar.from); };
  const auto to_name = [&]() { return ar.to == pool_key ? std::string("units in no group") : ix.unit_name(ar.to); };
  if (ar.members.size() == 1 && !collapsed) {
    const flow& f = m.flows[ar.members.front()];
    const std::string what = carries_text(ix, f);
    if (!what.empty()) t.lines.push_back(html_wrapped(what, 26, 3));
    const bool general = what.empty();
    if (!general || f.cadence_ms() != 0 || f.latency_ms() != 0 || f.is_manual())
      t.lines.push_back("<I>" + html_text(general ? "talk, " + timing_text(f) : timing_text(f)) + "</I>");
    if (const std::string n = occurrence_words(ar.weight); !n.empty()) t.lines.push_back(html_text(n));
    const auto st = mk.stale.find(ar.members.front());
    t.tooltip = flow_tooltip(ix, f, st == mk.stale.end() ? nullptr : &st->second);
  } else {
    // Several flows: how many, what they carry, how often.
    std::vector<std::string> names;
    std::set<std::string> seen;
    millis fastest = -1, slowest = -1;
    bool manual = false, same_timing = true;
    std::string timing;
    for (std::size_t fi : ar.members) {
      const flow& f = m.flows[fi];
      std::vector<std::string> parts;
      if (f.carries_all()) parts.push_back("everything");
      else if (!f.carries || f.carries->empty()) parts.push_back("talk");
      else
        for (const auto& id : *f.carries) parts.push_back(shorten(ix.artifact_name(id)));
      for (auto& p : parts)
        if (seen.insert(p).second) names.push_back(p);
      const millis c = f.cadence_ms();
      fastest = fastest < 0 ? c : std::min(fastest, c);
      slowest = std::max(slowest, c);
      manual = manual || f.is_manual();
      const std::string tt = timing_text(f);
      if (timing.empty()) timing = tt;
      else if (tt != timing) same_timing = false;
    }
    std::string head = count_of(ar.members.size(), "flow", "flows");
    if (!names.empty()) head += ": " + names_summary(names);
    t.lines.push_back(html_wrapped(head, 28, 3));
    if (!collapsed) {
      std::string when = same_timing ? timing
                                     : (fastest == slowest ? human_cadence(fastest)
                                                           : human_cadence(fastest) + " to " + human_cadence(slowest)) +
                                           (manual ? ", some by hand" : "");
      t.lines.push_back("<I>" + html_text(when) + "</I>");
    }
    if (const std::string n = occurrence_words(ar.weight); !n.empty()) t.lines.push_back(html_text(n));
    std::vector<std::string> lines;
    lines.push_back("Information: " + from_name() + " \xE2\x86\x92 " + to_name() + ", " +
                    count_of(ar.members.size(), "flow", "flows"));
    for (std::size_t k = 0; k < ar.members.size() && k < tooltip_members; ++k) {
      const flow& f = m.flows[ar.members[k]];
      std::string line = "- ";
      if (collapsed) line += ix.unit_name(f.from) + " \xE2\x86\x92 " + ix.unit_name(f.to) + ": ";
      const std::string what = carries_text(ix, f);
      line += (what.empty() ? std::string("talk") : what) + ", " + timing_text(f);
      if (const auto st = mk.stale.find(ar.members[k]); st != mk.stale.end()) line += " (stale)";
      lines.push_back(line);
    }
    if (ar.members.size() > tooltip_members)
      lines.push_back("and " + count_of(ar.members.size() - tooltip_members, "more flow", "more flows"));
    t.tooltip = join(lines, "\n");
  }
  if (fc)
    for (std::size_t fi : ar.members)
      if (auto it = fc->flow_notes.find(fi); it != fc->flow_notes.end()) t.lines.push_back(html_text(it->second));
  return t;
}

arrow_text handoff_text(const model_index& ix, const arrow& ar, const focus* fc, const view_graph& g) {
  const model& m = ix.source();
  arrow_text t;
  const bool collapsed = g.boxes.at(ar.from).kind != box::type::unit || g.boxes.at(ar.to).kind != box::type::unit;
  std::vector<std::string> items;
  std::set<std::string> seen;
  const rate_value* like = nullptr;  // the first member's volume: the total is written in its period
  millis longest_wait = -1;
  for (std::size_t hi : ar.members) {
    const handoff& h = m.handoffs[hi];
    if (h.item && seen.insert(*h.item).second) items.push_back(shorten(*h.item));
    if (h.volume && !like) like = &*h.volume;
    if (h.wait) longest_wait = std::max(longest_wait, h.wait->ms);
  }
  std::string text;
  if (ar.members.size() == 1 && !collapsed) {
    const handoff& h = m.handoffs[ar.members.front()];
    std::vector<std::string> parts;
    if (h.item) parts.push_back(shorten(*h.item));
    if (h.volume) parts.push_back(human_rate(h.volume->per_hour(), h.volume->period_ms));
    text = html_wrapped((ar.returns ? std::string("gives back ") : std::string()) + join(parts, ", "), 26, 2);
    t.tooltip = handoff_tooltip(ix, h);
  } else {
    std::string head = ar.returns ? count_of(ar.members.size(), "handoff gives back", "handoffs give back")
                                  : count_of(ar.members.size(), "handoff", "handoffs");
    if (!items.empty()) head += (ar.returns ? " " : ": ") + names_summary(items);
    if (like) head += " \xC2\xB7 " + human_rate(ar.weight.volume_per_h, like->period_ms);
    text = html_wrapped(head, 28, 3);
    std::vector<std::string> lines;
    const auto name = [&](const std::string& key) {
      return key == pool_key ? std::string("units in no group") : ix.unit_name(key);
    };
    lines.push_back((ar.returns ? "Work given back: " : "Work: ") + name(ar.from) + " \xE2\x86\x92 " + name(ar.to) + ", " +
                    count_of(ar.members.size(), "handoff", "handoffs") +
                    (like ? ", " + human_rate(ar.weight.volume_per_h, like->period_ms) + " in all" : std::string()));
    for (std::size_t k = 0; k < ar.members.size() && k < tooltip_members; ++k) {
      const handoff& h = m.handoffs[ar.members[k]];
      std::string line = "- ";
      if (collapsed) line += ix.unit_name(h.from) + " \xE2\x86\x92 " + ix.unit_name(h.to) + ": ";
      std::vector<std::string> parts;
      if (h.item) parts.push_back(*h.item);
      if (h.process) parts.push_back("process " + *h.process);
      if (h.volume) parts.push_back(human_rate(h.volume->per_hour(), h.volume->period_ms));
      if (h.wait) parts.push_back("waits " + human_duration(h.wait->ms));
      line += parts.empty() ? std::string("work") : join(parts, ", ");
      lines.push_back(line);
    }
    if (ar.members.size() > tooltip_members)
      lines.push_back("and " + count_of(ar.members.size() - tooltip_members, "more handoff", "more handoffs"));
    t.tooltip = join(lines, "\n");
  }
  if (const std::string n = occurrence_words(ar.weight); !n.empty())
    text += (text.empty() ? "" : "<BR/>") + html_text(n);
  if (fc && fc->handoff_wait && longest_wait >= 0)
    text += (text.empty() ? "" : "<BR/>") +
            html_text((ar.members.size() > 1 ? "waits up to " : "waits ") + human_duration(longest_wait));
  if (fc)
    for (std::size_t hi : ar.members)
      if (auto it = fc->handoff_notes.find(hi); it != fc->handoff_notes.end())
        text += (text.empty() ? "" : "<BR/>") + html_text(it->second);
  if (!text.empty()) t.lines.push_back("<B>" + text + "</B>");
  return t;
}

std::string box_display(const model_index& ix, const std::string& key) {
  return key == pool_key ? std::string("Units in no group") : ix.unit_name(key);
}

}  // namespace orgflow::render_detail
