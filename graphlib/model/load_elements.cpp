// The checker's walk (load_checker.hpp): run() reads the model object and
// each element of its arrays, read_unit ... read_accepted, checking every
// member as model-format.md's "Exact rules" say and recording ids and
// references for load_resolve.cpp.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/load_checker.hpp"
#include "orgflow/finding_codes.hpp"

namespace orgflow::load_detail {

model checker::run() {
  if (doc_.nodes.empty()) return {};
  const std::uint32_t root = 0;
  if (doc_.nodes[root].type != jtype::object) {
    report(root, std::string("the model must be a JSON object ({\"orgflow\": 2, \"units\": [...]}), not ") +
                     type_phrase(doc_.nodes[root].type));
    return {};
  }
  bool seen_version = false, seen_units = false;
  members(root, m_.extras, "the model", {"orgflow", "name", "units", "artifacts", "flows", "handoffs", "needs", "symptoms", "accepted"}, [&](std::string_view k, std::uint32_t v) {
    if (k == "orgflow") {
      seen_version = true;
      check_version(v);
    } else if (k == "name") {
      m_.name = get_string(v, k);
    } else if (k == "units") {
      seen_units = true;
      elements(v, k, "unit", [&](std::uint32_t e) { read_unit(e); });
    } else if (k == "artifacts") {
      elements(v, k, "artifact", [&](std::uint32_t e) { read_artifact(e); });
    } else if (k == "flows") {
      elements(v, k, "flow", [&](std::uint32_t e) { read_flow(e); });
    } else if (k == "handoffs") {
      elements(v, k, "handoff", [&](std::uint32_t e) { read_handoff(e); });
    } else if (k == "needs") {
      elements(v, k, "need", [&](std::uint32_t e) { read_need(e); });
    } else if (k == "symptoms") {
      elements(v, k, "symptom", [&](std::uint32_t e) { read_symptom(e); });
    } else if (k == "accepted") {
      m_.has_accepted = true;
      elements(v, k, "accepted finding", [&](std::uint32_t e) { read_accepted(e); });
    } else {
      return false;
    }
    return true;
  });
  if (!seen_version)
    report_missing(root, "orgflow", "the model has no \"orgflow\" member (add \"orgflow\": 2, the format version)");
  if (!seen_units)
    report_missing(root, "units", "the model has no \"units\" member (add \"units\": [...], the list of units)");
  generate_ids();
  resolve_references();
  check_group_cycles();
  return std::move(m_);
}

void checker::check_version(std::uint32_t v) {
  const jnode& n = doc_.nodes[v];
  if (n.type == jtype::integer && (n.integer == 1 || n.integer == 2)) return;
  if (n.type == jtype::integer || n.type == jtype::unsigned_integer)
    report(v, "this is format version " + (n.type == jtype::integer ? std::to_string(n.integer) : std::to_string(n.unsigned_value)) +
                  ", but orgflow reads versions 1 and 2 (write \"orgflow\": 2 for a model in the format of docs/model-format.md)");
  else if (n.type == jtype::floating && (n.floating == 1.0 || n.floating == 2.0))
    report(v, "\"orgflow\" must be the JSON integer 1 or 2 (write " + std::string(n.floating == 1.0 ? "1" : "2") +
                  ", not " + std::string(doc_.str(v)) + ")");
  else
    report(v, std::string("\"orgflow\" must be the JSON integer 1 or 2, not ") + type_phrase(n.type));
}

void checker::read_unit(std::uint32_t obj) {
  const auto index = static_cast<std::uint32_t>(m_.units.size());
  unit u;
  bool has_id = false;
  unit_nodes_.push_back({none, none});
  members(obj, u.extras, "a unit", {"id", "name", "kind", "group", "capacity", "staff", "demand", "accepts", "members"}, [&](std::string_view k, std::uint32_t v) {
    if (k == "id") {
      has_id = true;
      if (auto id = get_id(v, k, units_)) {
        u.id = *id;
        declare(space_kind::unit, units_, u.id, v, index);
      } else if (doc_.nodes[v].type == jtype::string) u.id = std::string(doc_.str(v));
    } else if (k == "name") u.name = get_string(v, k);
    else if (k == "kind") {
      if (doc_.nodes[v].type != jtype::string) type_error(v, k, "a string");
      else {
        const std::string_view s = doc_.str(v);
        if (s == "department") u.kind = unit_kind::department;
        else if (s == "team") u.kind = unit_kind::team;
        else if (s == "role") u.kind = unit_kind::role;
        else if (s == "system") u.kind = unit_kind::system;
        else if (s == "external") u.kind = unit_kind::external;
        else report(v, json_quoted(s) + " is not a kind of unit (write department, team, role, system or external)");
      }
    } else if (k == "group") {
      if (doc_.nodes[v].type != jtype::string) type_error(v, k, "a unit id");
      else {
        u.group = std::string(doc_.str(v));
        unit_nodes_.back().group = v;
        refer(v, space_kind::unit, space_kind::unit, index, *u.group);
      }
    } else if (k == "capacity") {
      u.capacity = get_rate(v, k);
      if (u.capacity && u.capacity->count == 0) {
        report(v, "\"capacity\" must be more than 0 (a unit that can finish nothing; leave the member out if unknown)");
        u.capacity.reset();
      }
    } else if (k == "staff") u.staff = get_integer(v, k, 1, "the number of parallel workers, 1 or more");
    else if (k == "demand") u.demand = get_rate(v, k);
    else if (k == "accepts") u.accepts = get_string_list(v, k);
    else if (k == "members") u.members = get_integer(v, k, 0, "the head count, 0 or more");
    else return false;
    return true;
  });
  if (!has_id) report_missing(obj, "id", "a unit needs an \"id\" (add \"id\": \"...\", unique among the units)");
  unit_nodes_.back().object = obj;
  m_.units.push_back(std::move(u));
}

void checker::read_artifact(std::uint32_t obj) {
  const auto index = static_cast<std::uint32_t>(m_.artifacts.size());
  artifact a;
  bool has_id = false, has_owner = false;
  members(obj, a.extras, "an artifact", {"id", "name", "owner", "changes", "max_age", "format"}, [&](std::string_view k, std::uint32_t v) {
    if (k == "id") {
      has_id = true;
      if (auto id = get_id(v, k, artifacts_)) {
        a.id = *id;
        declare(space_kind::artifact, artifacts_, a.id, v, index);
      } else if (doc_.nodes[v].type == jtype::string) a.id = std::string(doc_.str(v));
    } else if (k == "name") a.name = get_string(v, k);
    else if (k == "owner") {
      has_owner = true;
      if (doc_.nodes[v].type != jtype::string) type_error(v, k, "a unit id");
      else {
        a.owner = std::string(doc_.str(v));
        refer(v, space_kind::unit, space_kind::artifact, index, a.owner);
      }
    } else if (k == "changes") {
      a.changes = get_duration(v, k);
      if (a.changes && a.changes->ms == 0) {
        report(v, "\"changes\" must be more than 0 (the mean time between two changes; leave the member out if unknown)");
        a.changes.reset();
      }
    } else if (k == "max_age") a.max_age = get_duration(v, k);
    else if (k == "format") a.format = get_string(v, k);
    else return false;
    return true;
  });
  if (!has_id) report_missing(obj, "id", "an artifact needs an \"id\" (add \"id\": \"...\", unique among the artifacts)");
  if (!has_owner)
    report_missing(obj, "owner", "an artifact needs an \"owner\" (add \"owner\": the id of the unit where the truth is kept)");
  m_.artifacts.push_back(std::move(a));
}

// from/to of flows and handoffs: reads both, reports from == to at `to`.
bool checker::read_endpoint(std::string_view k, std::uint32_t v, std::string& from, std::string& to, endpoints& e,
                   space_kind kind, std::uint32_t index) {
  if (k != "from" && k != "to") return false;
  const bool is_from = k == "from";
  (is_from ? e.has_from : e.has_to) = true;
  if (doc_.nodes[v].type != jtype::string) {
    type_error(v, k, "a unit id");
    return true;
  }
  (is_from ? from : to) = std::string(doc_.str(v));
  if (!is_from) e.to_node = v;
  refer(v, space_kind::unit, kind, index, std::string(doc_.str(v)));
  return true;
}

void checker::finish_endpoints(std::uint32_t obj, const endpoints& e, const std::string& from, const std::string& to,
                      std::string_view what, std::string_view article) {
  if (!e.has_from)
    report_missing(obj, "from", std::string(article) + " " + std::string(what) +
                                    " needs \"from\" (add \"from\": the id of the unit it starts at)");
  if (!e.has_to)
    report_missing(obj, "to", std::string(article) + " " + std::string(what) +
                                  " needs \"to\" (add \"to\": the id of the unit it goes to)");
  if (e.has_from && e.has_to && e.to_node != none && !from.empty() && from == to)
    report(e.to_node, "\"to\" is the same unit as \"from\" (" + json_quoted(to) + "): a " + std::string(what) +
                          " goes from one unit to another (remove it or change \"to\")");
}

void checker::read_flow(std::uint32_t obj) {
  const auto index = static_cast<std::uint32_t>(m_.flows.size());
  flow f;
  endpoints e;
  members(obj, f.extras, "a flow", {"id", "from", "to", "carries", "channel", "latency", "cadence", "format", "manual", "reliability", "volume"}, [&](std::string_view k, std::uint32_t v) {
    if (read_endpoint(k, v, f.from, f.to, e, space_kind::flow, index)) return true;
    if (k == "id") {
      if (auto id = get_id(v, k, flows_)) {
        f.id = *id;
        declare(space_kind::flow, flows_, f.id, v, index);
      } else if (doc_.nodes[v].type == jtype::string) f.id = std::string(doc_.str(v));
    } else if (k == "carries") {
      std::vector<std::uint32_t> items;
      f.carries = get_string_list(v, k, &items);
      if (f.carries) {
        const bool has_star = std::find(f.carries->begin(), f.carries->end(), "*") != f.carries->end();
        if (has_star && f.carries->size() > 1)
          report(v, "\"*\" (everything the sender knows) must be the only entry of \"carries\" (remove the "
                    "other entries, or the \"*\")");
        for (std::size_t i = 0; i < items.size(); ++i)
          if ((*f.carries)[i] != "*") refer(items[i], space_kind::artifact, space_kind::flow, index, (*f.carries)[i]);
      }
    } else if (k == "channel") f.channel = get_string(v, k);
    else if (k == "latency") f.latency = get_duration(v, k);
    else if (k == "cadence") f.cadence = get_cadence(v, k);
    else if (k == "format") f.format = get_string(v, k);
    else if (k == "manual") f.manual = get_bool(v, k);
    else if (k == "reliability") {
      const jnode& n = doc_.nodes[v];
      double r = 0;
      if (n.type == jtype::integer) r = static_cast<double>(n.integer);
      else if (n.type == jtype::unsigned_integer) r = static_cast<double>(n.unsigned_value);
      else if (n.type == jtype::floating) r = n.floating;
      else {
        type_error(v, k, "a number in (0, 1]");
        return true;
      }
      if (!(r > 0 && r <= 1))
        report(v, "\"reliability\" must be more than 0 and at most 1 (the share of changes passed on, such as "
                  "0.9), not " + number_text(v));
      else f.reliability = r;
    } else if (k == "volume") f.volume = get_rate(v, k);
    else return false;
    return true;
  });
  finish_endpoints(obj, e, f.from, f.to, "flow", "a");
  m_.flows.push_back(std::move(f));
}

void checker::read_handoff(std::uint32_t obj) {
  const auto index = static_cast<std::uint32_t>(m_.handoffs.size());
  handoff h;
  endpoints e;
  members(obj, h.extras, "a handoff", {"id", "from", "to", "process", "item", "volume", "wait", "context", "returns"}, [&](std::string_view k, std::uint32_t v) {
    if (read_endpoint(k, v, h.from, h.to, e, space_kind::handoff, index)) return true;
    if (k == "id") {
      if (auto id = get_id(v, k, handoffs_)) {
        h.id = *id;
        declare(space_kind::handoff, handoffs_, h.id, v, index);
      } else if (doc_.nodes[v].type == jtype::string) h.id = std::string(doc_.str(v));
    } else if (k == "process") h.process = get_string(v, k);
    else if (k == "item") h.item = get_string(v, k);
    else if (k == "volume") h.volume = get_rate(v, k);
    else if (k == "wait") h.wait = get_duration(v, k);
    else if (k == "returns") h.returns = get_bool(v, k);
    else if (k == "context") {
      std::vector<std::uint32_t> items;
      h.context = get_string_list(v, k, &items);
      if (h.context)
        for (std::size_t i = 0; i < items.size(); ++i)
          refer(items[i], space_kind::artifact, space_kind::handoff, index, (*h.context)[i]);
    } else return false;
    return true;
  });
  finish_endpoints(obj, e, h.from, h.to, "handoff", "a");
  m_.handoffs.push_back(std::move(h));
}

void checker::read_need(std::uint32_t obj) {
  need n;
  bool has_unit = false, has_artifact = false;
  std::uint32_t unit_node = none, artifact_node = none;
  members(obj, n.extras, "a need", {"unit", "artifact", "max_age", "purpose"}, [&](std::string_view k, std::uint32_t v) {
    if (k == "unit") {
      has_unit = true;
      if (doc_.nodes[v].type != jtype::string) type_error(v, k, "a unit id");
      else {
        n.unit = std::string(doc_.str(v));
        unit_node = v;
      }
    } else if (k == "artifact") {
      has_artifact = true;
      if (doc_.nodes[v].type != jtype::string) type_error(v, k, "an artifact id");
      else {
        n.artifact = std::string(doc_.str(v));
        artifact_node = v;
      }
    } else if (k == "max_age") n.max_age = get_duration(v, k);
    else if (k == "purpose") n.purpose = get_string(v, k);
    else return false;
    return true;
  });
  if (!has_unit) report_missing(obj, "unit", "a need needs a \"unit\" (add \"unit\": the id of the unit that relies on the artifact)");
  if (!has_artifact)
    report_missing(obj, "artifact", "a need needs an \"artifact\" (add \"artifact\": the id of the artifact it relies on)");
  // The referrer of a need is named by its position among all needs as
  // written (`need_labels_`), since repeated needs are dropped below.
  const auto label = static_cast<std::uint32_t>(need_labels_.size());
  need_labels_.push_back("the need of " + json_quoted(n.unit) + " for " + json_quoted(n.artifact));
  if (unit_node != none) refer(unit_node, space_kind::unit, space_kind::unit, label | need_flag, n.unit);
  if (artifact_node != none) refer(artifact_node, space_kind::artifact, space_kind::unit, label | need_flag, n.artifact);
  // A repeated (unit, artifact) declaration is ignored: the first wins.
  std::string key = n.unit;
  key += '\0';
  key += n.artifact;
  if (has_unit && has_artifact && !needs_seen_.insert(std::move(key)).second) return;
  m_.needs.push_back(std::move(n));
}

void checker::read_symptom(std::uint32_t obj) {
  const auto index = static_cast<std::uint32_t>(m_.symptoms.size());
  symptom s;
  bool has_id = false, has_unit = false, has_description = false;
  members(obj, s.extras, "a symptom", {"id", "unit", "performer", "description", "artifacts", "process"}, [&](std::string_view k, std::uint32_t v) {
    if (k == "id") {
      has_id = true;
      if (auto id = get_id(v, k, symptoms_)) {
        s.id = *id;
        declare(space_kind::symptom, symptoms_, s.id, v, index);
      } else if (doc_.nodes[v].type == jtype::string) s.id = std::string(doc_.str(v));
    } else if (k == "unit") {
      has_unit = true;
      if (doc_.nodes[v].type != jtype::string) type_error(v, k, "a unit id");
      else {
        s.unit = std::string(doc_.str(v));
        refer(v, space_kind::unit, space_kind::symptom, index, s.unit);
      }
    } else if (k == "performer") {
      if (doc_.nodes[v].type != jtype::string) type_error(v, k, "a unit id");
      else {
        s.performer = std::string(doc_.str(v));
        refer(v, space_kind::unit, space_kind::symptom, index, *s.performer);
      }
    } else if (k == "description") {
      has_description = true;
      if (auto d = get_string(v, k)) s.description = *d;
    } else if (k == "artifacts") {
      std::vector<std::uint32_t> items;
      s.artifacts = get_string_list(v, k, &items);
      if (s.artifacts)
        for (std::size_t i = 0; i < items.size(); ++i)
          refer(items[i], space_kind::artifact, space_kind::symptom, index, (*s.artifacts)[i]);
    } else if (k == "process") s.process = get_string(v, k);
    else return false;
    return true;
  });
  if (!has_id) report_missing(obj, "id", "a symptom needs an \"id\" (add \"id\": \"...\", unique among the symptoms)");
  if (!has_unit) report_missing(obj, "unit", "a symptom needs a \"unit\" (add \"unit\": the id of the unit where the problem shows)");
  if (!has_description)
    report_missing(obj, "description", "a symptom needs a \"description\" (add \"description\": the problem in the words of whoever reported it)");
  m_.symptoms.push_back(std::move(s));
}

// An accepted finding (model-format.md, "accepted"). The code must be a
// finding code; units, artifacts and flows it names are not resolved: an
// accepted finding may outlive its units (the analysis warns about entries
// that match nothing).
void checker::read_accepted(std::uint32_t obj) {
  accepted_finding a;
  bool has_code = false, has_units = false, has_reason = false;
  members(obj, a.extras, "an accepted finding", {"code", "units", "artifact", "process", "ref", "from", "to", "reason"},
          [&](std::string_view k, std::uint32_t v) {
            if (k == "code") {
              has_code = true;
              if (auto c = get_string(v, k)) {
                a.code = *c;
                if (!find_finding_code(a.code)) {
                  std::string known;
                  for (const finding_code_info& info : finding_codes())
                    known += (known.empty() ? "" : ", ") + std::string(info.code);
                  report(v, json_quoted(a.code) + " is not a finding code (the codes: " + known + ")");
                }
              }
            } else if (k == "units") {
              has_units = true;
              if (auto u = get_string_list(v, k)) a.units = *u;
            } else if (k == "artifact") a.artifact = get_string(v, k);
            else if (k == "process") a.process = get_string(v, k);
            else if (k == "ref") a.ref = get_string(v, k);
            else if (k == "from") a.from = get_string(v, k);
            else if (k == "to") a.to = get_string(v, k);
            else if (k == "reason") {
              has_reason = true;
              if (auto r = get_string(v, k)) a.reason = *r;
            } else return false;
            return true;
          });
  if (!has_code) report_missing(obj, "code", "an accepted finding needs a \"code\" (add \"code\": the finding's code, such as \"RISK.CUT_UNIT\")");
  if (!has_units) report_missing(obj, "units", "an accepted finding needs \"units\" (add \"units\": the finding's units, in any order)");
  if (!has_reason) report_missing(obj, "reason", "an accepted finding needs a \"reason\" (add \"reason\": why it is accepted, and until when)");
  m_.accepted.push_back(std::move(a));
}

}  // namespace orgflow::load_detail
