// What-if changes and the comparison of two analyses (see orgflow/whatif.hpp).
//
// Changes are applied to a copy of the model the caller owns; ids keep their
// meaning during the whole sequence (a user names the ids `analyze` showed),
// and generated ids are derived again at the end. The comparison matches
// findings by their identity (analyses.md, "Identity of a finding"); several
// findings with one identity (flows alike in ends, carries and channel) are
// paired in their order.
#include "orgflow/whatif.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "orgflow/quantity.hpp"

namespace orgflow {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t p = s.find(sep, start);
    out.emplace_back(trim(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start)));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

// An exact decimal 0 < r <= 1, digits and one dot only (as the model format).
std::optional<double> parse_reliability(const std::string& value) {
  const bool ok = !value.empty() && value.find_first_not_of("0123456789.") == std::string::npos &&
                  std::count(value.begin(), value.end(), '.') <= 1 && value.front() != '.' && value.back() != '.';
  if (!ok) return std::nullopt;
  double scale = 1, intpart = 0, frac = 0;
  bool after = false;
  for (char ch : value) {
    if (ch == '.') { after = true; continue; }
    if (!after) intpart = intpart * 10 + (ch - '0');
    else { scale /= 10; frac += (ch - '0') * scale; }
  }
  const double r = intpart + frac;
  if (!(r > 0 && r <= 1)) return std::nullopt;
  return r;
}

// `--set-flow ID.MEMBER=VALUE`: the id is everything before the last `.`
// that precedes the first `=`.
bool parse_set_flow(std::string_view arg, model_change& c, std::string* why) {
  const std::string usage =
      "write ID.cadence=CADENCE, ID.latency=DURATION, ID.format=FORMAT, ID.manual=true|false or "
      "ID.reliability=R (e.g. 'finance->sales#1.manual=false')";
  const auto eq = arg.find('=');
  const std::string_view lhs = eq == std::string_view::npos ? arg : arg.substr(0, eq);
  const auto dot = lhs.rfind('.');
  if (eq == std::string_view::npos || dot == std::string_view::npos || dot == 0) {
    *why = "--set-flow '" + std::string(arg) + "': " + usage;
    return false;
  }
  c.target = std::string(trim(lhs.substr(0, dot)));
  const std::string member(lhs.substr(dot + 1));
  const std::string value(trim(arg.substr(eq + 1)));
  const std::string where = "--set-flow " + c.target + "." + member;
  std::string err;
  flow& f = c.new_flow;
  if (member == "cadence") {
    c.member = model_change::flow_member::cadence;
    auto q = parse_cadence(value, &err);
    if (!q) { *why = where + ": " + err; return false; }
    f.cadence = *q;
  } else if (member == "latency") {
    c.member = model_change::flow_member::latency;
    auto q = parse_duration(value, &err);
    if (!q) { *why = where + ": " + err; return false; }
    f.latency = *q;
  } else if (member == "format") {
    c.member = model_change::flow_member::format;
    if (value.empty()) { *why = where + ": write the format the flow arrives in (e.g. csv)"; return false; }
    f.format = value;
  } else if (member == "manual") {
    c.member = model_change::flow_member::manual;
    if (value != "true" && value != "false") { *why = where + ": write manual=true or manual=false"; return false; }
    f.manual = value == "true";
  } else if (member == "reliability") {
    c.member = model_change::flow_member::reliability;
    const auto r = parse_reliability(value);
    if (!r) { *why = where + ": '" + value + "' must be a number above 0 and at most 1 (e.g. 0.9)"; return false; }
    f.reliability = *r;
  } else {
    *why = "--set-flow: '" + member + "' cannot be set; " + usage;
    return false;
  }
  return true;
}

bool parse_add_flow(std::string_view arg, model_change& c, std::string* why) {
  const auto w = words(arg);
  if (w.empty()) {
    *why = "--add-flow needs FROM->TO (write --add-flow 'finance->marketing carries=prices')";
    return false;
  }
  const auto arrow = w[0].find("->");
  if (arrow == std::string::npos || arrow == 0 || arrow + 2 >= w[0].size()) {
    *why = "--add-flow '" + std::string(arg) + "': start with FROM->TO, e.g. 'finance->marketing carries=prices'";
    return false;
  }
  flow& f = c.new_flow;
  f.from = w[0].substr(0, arrow);
  f.to = w[0].substr(arrow + 2);
  for (std::size_t i = 1; i < w.size(); ++i) {
    const auto eq = w[i].find('=');
    if (eq == std::string::npos) {
      *why = "--add-flow: '" + w[i] + "' is not KEY=VALUE (keys: carries, cadence, latency, channel, format, manual, reliability, volume, id)";
      return false;
    }
    const std::string key = w[i].substr(0, eq), value = w[i].substr(eq + 1);
    std::string err;
    if (key == "carries") {
      f.carries = split(value, ',');
    } else if (key == "cadence") {
      auto q = parse_cadence(value, &err);
      if (!q) { *why = "--add-flow cadence: " + err; return false; }
      f.cadence = *q;
    } else if (key == "latency") {
      auto q = parse_duration(value, &err);
      if (!q) { *why = "--add-flow latency: " + err; return false; }
      f.latency = *q;
    } else if (key == "volume") {
      auto q = parse_rate(value, &err);
      if (!q) { *why = "--add-flow volume: " + err; return false; }
      f.volume = *q;
    } else if (key == "channel") {
      f.channel = value;
    } else if (key == "format") {
      f.format = value;
    } else if (key == "id") {
      f.id = value;
    } else if (key == "manual") {
      if (value != "true" && value != "false") { *why = "--add-flow manual: write manual=true or manual=false"; return false; }
      f.manual = value == "true";
    } else if (key == "reliability") {
      const auto r = parse_reliability(value);
      if (!r) { *why = "--add-flow reliability: '" + value + "' must be a number above 0 and at most 1 (e.g. 0.9)"; return false; }
      f.reliability = *r;
    } else {
      *why = "--add-flow: unknown key '" + key + "' (keys: carries, cadence, latency, channel, format, manual, reliability, volume, id)";
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<model_change> parse_change(std::string_view option, std::string_view argument, std::string* why) {
  // Like the quantity parsers, a caller may pass no place for the message.
  std::string ignored;
  if (why == nullptr) why = &ignored;
  model_change c;
  c.text = std::string(argument);
  if (option == "add-flow") {
    c.what = model_change::kind::add_flow;
    if (!parse_add_flow(argument, c, why)) return std::nullopt;
    return c;
  }
  if (option == "remove-flow" || option == "remove-unit") {
    c.what = option == "remove-flow" ? model_change::kind::remove_flow : model_change::kind::remove_unit;
    c.target = std::string(trim(argument));
    if (c.target.empty()) {
      *why = "--" + std::string(option) + " needs an id";
      return std::nullopt;
    }
    return c;
  }
  if (option == "set-flow") {
    c.what = model_change::kind::set_flow;
    if (!parse_set_flow(argument, c, why)) return std::nullopt;
    return c;
  }
  if (option == "set") {
    const auto eq = argument.find('=');
    const std::string_view lhs = eq == std::string_view::npos ? argument : argument.substr(0, eq);
    const auto dot = lhs.rfind('.');
    if (eq == std::string_view::npos || dot == std::string_view::npos || dot == 0) {
      *why = "--set '" + std::string(argument) + "': write UNIT.capacity=RATE or UNIT.staff=N (e.g. sales.capacity=150/w)";
      return std::nullopt;
    }
    c.target = std::string(lhs.substr(0, dot));
    const std::string field(lhs.substr(dot + 1));
    const std::string value(argument.substr(eq + 1));
    if (field == "capacity") {
      c.what = model_change::kind::set_capacity;
      std::string err;
      auto r = parse_rate(value, &err);
      if (!r) { *why = "--set " + c.target + ".capacity: " + err; return std::nullopt; }
      if (r->count == 0) { *why = "--set " + c.target + ".capacity: the capacity must be more than 0"; return std::nullopt; }
      c.capacity = *r;
      return c;
    }
    if (field == "staff") {
      c.what = model_change::kind::set_staff;
      const bool digits = !value.empty() && value.size() <= 9 && value.find_first_not_of("0123456789") == std::string::npos;
      const std::int64_t n = digits ? std::stoll(value) : 0;
      if (n < 1) { *why = "--set " + c.target + ".staff: write a whole number of at least 1"; return std::nullopt; }
      c.staff = n;
      return c;
    }
    *why = "--set: '" + field + "' cannot be set (write UNIT.capacity=RATE or UNIT.staff=N)";
    return std::nullopt;
  }
  *why = "unknown change --" + std::string(option);
  return std::nullopt;
}

namespace {

void remove_unit(model& m, const std::string& id) {
  std::set<std::string> gone_artifacts;
  for (const artifact& a : m.artifacts)
    if (a.owner == id) gone_artifacts.insert(a.id);
  auto drop_artifacts = [&](std::optional<std::vector<std::string>>& list) {
    if (!list) return;
    list->erase(std::remove_if(list->begin(), list->end(),
                               [&](const std::string& a) { return gone_artifacts.count(a) > 0; }),
                list->end());
  };
  m.units.erase(std::remove_if(m.units.begin(), m.units.end(), [&](const unit& u) { return u.id == id; }),
                m.units.end());
  for (unit& u : m.units)
    if (u.group && *u.group == id) u.group.reset();
  m.artifacts.erase(std::remove_if(m.artifacts.begin(), m.artifacts.end(),
                                   [&](const artifact& a) { return a.owner == id; }),
                    m.artifacts.end());
  m.flows.erase(std::remove_if(m.flows.begin(), m.flows.end(),
                               [&](const flow& f) { return f.from == id || f.to == id; }),
                m.flows.end());
  // A flow whose carries loses its last artifact goes (it does not become
  // a general flow).
  m.flows.erase(std::remove_if(m.flows.begin(), m.flows.end(),
                               [&](flow& f) {
                                 if (f.carries_all() || !f.carries || f.carries->empty()) return false;
                                 drop_artifacts(f.carries);
                                 return f.carries->empty();
                               }),
                m.flows.end());
  m.handoffs.erase(std::remove_if(m.handoffs.begin(), m.handoffs.end(),
                                  [&](const handoff& h) { return h.from == id || h.to == id; }),
                   m.handoffs.end());
  for (handoff& h : m.handoffs) drop_artifacts(h.context);
  m.needs.erase(std::remove_if(m.needs.begin(), m.needs.end(),
                               [&](const need& n) { return n.unit == id || gone_artifacts.count(n.artifact) > 0; }),
                m.needs.end());
  m.symptoms.erase(std::remove_if(m.symptoms.begin(), m.symptoms.end(),
                                  [&](const symptom& s) { return s.unit == id || s.performer == id; }),
                   m.symptoms.end());
  for (symptom& s : m.symptoms) drop_artifacts(s.artifacts);
}

}  // namespace

std::vector<std::string> apply_changes(model& m, const std::vector<model_change>& changes) {
  std::vector<std::string> errors;
  for (const model_change& c : changes) {
    auto unit_known = [&](const std::string& id, const std::string& what) {
      if (m.find_unit(id)) return true;
      errors.push_back(what + ": there is no unit '" + id + "' (it may have been removed by an earlier change)");
      return false;
    };
    switch (c.what) {
      case model_change::kind::add_flow: {
        const std::string what = "--add-flow '" + c.text + "'";
        bool ok = unit_known(c.new_flow.from, what);
        ok = unit_known(c.new_flow.to, what) && ok;
        if (ok && c.new_flow.from == c.new_flow.to) {
          errors.push_back(what + ": a flow needs two different units");
          ok = false;
        }
        if (c.new_flow.carries && !(c.new_flow.carries->size() == 1 && (*c.new_flow.carries)[0] == "*")) {
          for (const std::string& a : *c.new_flow.carries) {
            if (a == "*") {
              errors.push_back(what + ": '*' must be the only entry of carries");
              ok = false;
            } else if (!m.find_artifact(a)) {
              errors.push_back(what + ": there is no artifact '" + a + "'");
              ok = false;
            }
          }
        }
        if (ok) {
          flow f = c.new_flow;
          f.id_generated = f.id.empty();
          m.flows.push_back(std::move(f));
        }
        break;
      }
      case model_change::kind::remove_flow: {
        auto it = std::find_if(m.flows.begin(), m.flows.end(), [&](const flow& f) { return f.id == c.target; });
        if (it == m.flows.end()) errors.push_back("--remove-flow: there is no flow '" + c.target + "'");
        else m.flows.erase(it);
        break;
      }
      case model_change::kind::remove_unit:
        if (unit_known(c.target, "--remove-unit")) remove_unit(m, c.target);
        break;
      case model_change::kind::set_capacity:
        if (unit_known(c.target, "--set " + c.text)) m.units[*m.find_unit(c.target)].capacity = c.capacity;
        break;
      case model_change::kind::set_staff:
        if (unit_known(c.target, "--set " + c.text)) m.units[*m.find_unit(c.target)].staff = c.staff;
        break;
      case model_change::kind::set_flow: {
        auto it = std::find_if(m.flows.begin(), m.flows.end(), [&](const flow& f) { return f.id == c.target; });
        if (it == m.flows.end()) {
          errors.push_back("--set-flow " + c.text + ": there is no flow '" + c.target + "'");
          break;
        }
        switch (c.member) {
          case model_change::flow_member::cadence: it->cadence = c.new_flow.cadence; break;
          case model_change::flow_member::latency: it->latency = c.new_flow.latency; break;
          case model_change::flow_member::format: it->format = c.new_flow.format; break;
          case model_change::flow_member::manual: it->manual = c.new_flow.manual; break;
          case model_change::flow_member::reliability: it->reliability = c.new_flow.reliability; break;
        }
        break;
      }
    }
  }
  assign_generated_ids(m);
  return errors;
}

bool operator<(const finding_identity& a, const finding_identity& b) {
  return std::tie(a.code, a.parts) < std::tie(b.code, b.parts);
}
bool operator==(const finding_identity& a, const finding_identity& b) {
  return a.code == b.code && a.parts == b.parts;
}

namespace {

std::string metric_string(const finding& f, std::string_view key) {
  const metric_value* v = f.metric(key);
  const auto* s = v ? std::get_if<std::string>(v) : nullptr;
  return s ? *s : std::string();
}

}  // namespace

std::vector<finding_identity> identities_of(const model& m, const analysis_result& r) {
  std::map<std::string, const flow*, std::less<>> flows;
  for (const flow& f : m.flows) flows.emplace(f.id, &f);
  std::vector<finding_identity> out;
  out.reserve(r.findings.size());
  for (const finding& f : r.findings) {
    finding_identity id{f.code, {}};
    const std::string& c = f.code;
    if (c == "GAP.NO_ROUTE" || c == "STALE.ROUTE" || c == "LOSSY.ROUTE") {
      id.parts = {f.artifact.value_or(""), metric_string(f, "owner"), metric_string(f, "consumer")};
    } else if (c == "FRICTION.FORMAT" || c == "FRICTION.MANUAL" || c == "WASTE.UNUSED_FLOW") {
      const auto it = f.ref ? flows.find(*f.ref) : flows.end();
      if (it != flows.end()) {
        const flow& fl = *it->second;
        id.parts = {fl.from, fl.to};
        if (!fl.id_generated) {
          id.parts.push_back("id");
          id.parts.push_back(fl.id);
        } else {
          std::set<std::string> carried;
          if (fl.carries) carried.insert(fl.carries->begin(), fl.carries->end());
          id.parts.push_back("carries");
          id.parts.insert(id.parts.end(), carried.begin(), carried.end());
          id.parts.push_back("channel");
          id.parts.push_back(fl.channel ? "=" + *fl.channel : std::string());  // "" = no channel
        }
      }
    } else if (c == "GAP.NO_FEEDBACK") {
      id.parts = {metric_string(f, "from"), metric_string(f, "to")};
    } else if (c == "PROCESS.SLOW_HANDOFF") {
      id.parts = {f.process.value_or("")};
    } else if (c == "PROCESS.LOOP") {
      id.parts = {f.process.value_or("")};
      id.parts.insert(id.parts.end(), f.units.begin(), f.units.end());
    } else if (c == "RISK.SINGLE_ROUTE") {
      id.parts = {metric_string(f, "unit"), f.artifact.value_or("")};
    } else if (c == "GAP.SPLIT") {
      // the code alone
    } else {
      // GAP.ISOLATED, RISK.CUT_UNIT, LOAD.OVER, LOAD.RELAY: the unit.
      id.parts = f.units;
    }
    out.push_back(std::move(id));
  }
  return out;
}

bool comparison::changed() const {
  if (!resolved.empty() || !added.empty()) return true;
  return std::any_of(kept.begin(), kept.end(),
                     [](const kept_finding& k) { return !k.changes.empty() || k.severity_changed(); });
}

namespace {

bool same_need(const need_row& a, const need_row& b) {
  return a.delivered == b.delivered && a.expected_lag == b.expected_lag && a.worst_lag == b.worst_lag &&
         a.reliability == b.reliability && a.outdated_share == b.outdated_share && a.path == b.path &&
         a.tolerance == b.tolerance;
}

}  // namespace

comparison compare(const model& old_model, const analysis_result& old_result, const model& new_model,
                   const analysis_result& new_result) {
  comparison c;
  const std::vector<finding_identity> old_ids = identities_of(old_model, old_result);
  const std::vector<finding_identity> new_ids = identities_of(new_model, new_result);
  std::map<finding_identity, std::vector<const finding*>> before;
  for (std::size_t i = 0; i < old_result.findings.size(); ++i) before[old_ids[i]].push_back(&old_result.findings[i]);
  std::map<finding_identity, std::size_t> used;
  std::set<const finding*> matched_old;
  for (std::size_t i = 0; i < new_result.findings.size(); ++i) {
    const finding& f = new_result.findings[i];
    const finding_identity& k = new_ids[i];
    auto it = before.find(k);
    std::size_t& u = used[k];
    if (it == before.end() || u >= it->second.size()) {
      c.added.push_back(&f);
      continue;
    }
    const finding* old = it->second[u++];
    matched_old.insert(old);
    kept_finding kf{old, &f, {}};
    for (const auto& [key, value] : f.metrics) {
      const metric_value* was = old->metric(key);
      if (!was || !(*was == value)) kf.changes.push_back({key, was ? *was : metric_value{}, value});
    }
    c.kept.push_back(std::move(kf));
  }
  for (const finding& f : old_result.findings)
    if (!matched_old.count(&f)) c.resolved.push_back(&f);

  std::map<std::pair<std::string, std::string>, std::pair<const need_row*, const need_row*>> needs;
  for (const need_row& n : old_result.needs) needs[{n.unit, n.artifact}].first = &n;
  for (const need_row& n : new_result.needs) needs[{n.unit, n.artifact}].second = &n;
  for (const auto& [key, rows] : needs) {
    if (rows.first && rows.second && same_need(*rows.first, *rows.second)) continue;
    c.needs.push_back({key.first, key.second, rows.first, rows.second});
  }

  std::map<std::string, std::pair<const unit_metrics*, const unit_metrics*>> units;
  for (const unit_metrics& u : old_result.units) units[u.id].first = &u;
  for (const unit_metrics& u : new_result.units) units[u.id].second = &u;
  for (const auto& [id, rows] : units) {
    const unit_metrics* a = rows.first;
    const unit_metrics* b = rows.second;
    const bool a_load = a && (a->utilization || a->wait_h);
    const bool b_load = b && (b->utilization || b->wait_h);
    if (!a_load && !b_load) continue;
    if (a && b && a->utilization == b->utilization && a->wait_h == b->wait_h) continue;
    c.units.push_back({id, a, b});
  }

  // Each side's symptoms diagnosed; the summary shown is the newer side's.
  std::map<std::string, verdict_change> verdicts;
  auto diagnose_side = [&verdicts](const model& m, const analysis_result& r,
                                   std::optional<verdict> verdict_change::*side, std::string verdict_change::*summary) {
    for (std::size_t i = 0; i < m.symptoms.size(); ++i) {
      const diagnosis d = diagnose(m, r, query_for_symptom(m, i));
      verdict_change& v = verdicts[m.symptoms[i].id];
      v.symptom = m.symptoms[i].id;
      v.*side = d.result;
      v.*summary = d.summary;
    }
  };
  diagnose_side(old_model, old_result, &verdict_change::before, &verdict_change::summary_before);
  diagnose_side(new_model, new_result, &verdict_change::after, &verdict_change::summary_after);
  for (auto& [id, v] : verdicts) c.verdicts.push_back(std::move(v));
  return c;
}

}  // namespace orgflow
