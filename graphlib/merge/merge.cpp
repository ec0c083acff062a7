// merge_models (orgflow/merge.hpp). The models are merged as JSON values
// (each input as save_model writes it), member by member, with the member
// table of orgflow/model_schema.hpp saying which members name units (to
// follow aliases), which are lists (merged as sets) and how values compare
// (durations by length, rates by value). The merged JSON is then loaded with
// every rule of the format, so the result is valid or the problems are
// reported.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orgflow/merge.hpp"
#include "orgflow/model_schema.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/text.hpp"
#include "text/escape.hpp"

namespace orgflow {

namespace {

using ojson = nlohmann::ordered_json;

std::string json_quoted(const std::string& s) {
  std::string out;
  text_detail::append_model_json_string(out, s);
  return out;
}

// A value for a message: compact JSON, cut after 60 characters.
std::string shown(const ojson& v) {
  std::string s = v.dump(-1, ' ', false, ojson::error_handler_t::replace);
  if (s.size() > 60) {
    s = s.substr(0, text_detail::utf8_boundary_at_or_before(s, 57)) + "...";
  }
  return s;
}

std::string pointer(const std::string& array, std::size_t index, const std::string& member = {}) {
  std::string p = "/" + array + "/" + std::to_string(index);
  if (!member.empty()) {
    p += '/';
    for (char c : member) p += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  }
  return p;
}

// Where an element came from: the x-source it has (a text or a list of
// texts), else the input's label.
std::vector<std::string> provenance(const ojson& obj, const std::string& label) {
  std::vector<std::string> out;
  if (const auto it = obj.find("x-source"); it != obj.end()) {
    if (it->is_string()) out.push_back(it->get<std::string>());
    else if (it->is_array() && std::all_of(it->begin(), it->end(), [](const ojson& v) { return v.is_string(); }))
      for (const auto& v : *it) out.push_back(v.get<std::string>());
  }
  if (out.empty()) out.push_back(label);
  return out;
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& items) {
  for (const auto& s : items)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

std::vector<std::string> strings_of(const ojson& list) {
  std::vector<std::string> out;
  for (const auto& v : list)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

bool same_set(const ojson& a, const ojson& b) {
  std::vector<std::string> x = strings_of(a), y = strings_of(b);
  std::sort(x.begin(), x.end());
  x.erase(std::unique(x.begin(), x.end()), x.end());
  std::sort(y.begin(), y.end());
  y.erase(std::unique(y.begin(), y.end()), y.end());
  return x == y;
}

// Two values of one member, compared as the format compares them.
bool same_value(const member_info* m, const ojson& a, const ojson& b) {
  if (m == nullptr) return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());  // x-: JSON values
  if (is_list(m->type)) return a.is_array() && b.is_array() ? same_set(a, b) : a == b;
  if (!a.is_string() || !b.is_string()) return a == b;
  const std::string x = a.get<std::string>(), y = b.get<std::string>();
  switch (m->type) {
    case member_type::duration: {
      const auto p = parse_duration(x, nullptr), q = parse_duration(y, nullptr);
      return p && q ? p->ms == q->ms : x == y;
    }
    case member_type::cadence: {
      const auto p = parse_cadence(x, nullptr), q = parse_cadence(y, nullptr);
      return p && q ? p->ms == q->ms : x == y;
    }
    case member_type::rate: {
      const auto p = parse_rate(x, nullptr), q = parse_rate(y, nullptr);
      return p && q ? *p == *q : x == y;
    }
    default:
      return x == y;
  }
}

// Every member except x-source (and id, when asked) equal as values.
bool identical(const array_info& a, const ojson& x, const ojson& y, bool ignore_id) {
  const auto counted = [&](const ojson& o) {
    std::size_t n = 0;
    for (const auto& [k, v] : o.items())
      if (k != "x-source" && !(ignore_id && k == "id")) ++n;
    return n;
  };
  if (counted(x) != counted(y)) return false;
  for (const auto& [k, v] : x.items()) {
    if (k == "x-source" || (ignore_id && k == "id")) continue;
    const auto w = y.find(k);
    if (w == y.end() || !same_value(find_member(a, k), v, *w)) return false;
  }
  return true;
}

struct member_origin {
  std::size_t input = 0;
  std::string pointer;
};

struct merged_element {
  ojson value = ojson::object();  // without x-source
  std::vector<std::string> sources;
  std::set<std::size_t> inputs;                 // inputs that contributed
  std::map<std::string, member_origin> origin;  // member -> where its value came from
  std::string describe;                         // `unit "sales"`, for messages
};

struct merged_array {
  const array_info* info = nullptr;
  bool present = false;  // some input has the array
  std::vector<merged_element> elements;
  std::map<std::string, std::size_t> by_key;                    // keyed elements
  std::map<std::string, std::vector<std::size_t>> by_bucket;    // unioned elements, by from/to or code
  std::size_t identical = 0;                                    // elements listed once instead of twice
  std::size_t dropped = 0;                                      // loops made by aliases
  std::size_t shared = 0;                                       // keyed elements found in several inputs
};

class merger {
 public:
  merger(const std::vector<merge_input>& inputs, const unit_aliases& aliases, const merge_options& o)
      : inputs_(inputs), options_(o) {
    for (const auto& e : aliases.entries) alias_[e.alias] = e.id;
    for (const array_info& a : model_arrays()) {
      merged_array m;
      m.info = &a;
      arrays_.push_back(std::move(m));
    }
  }

  merge_result run(const unit_aliases& aliases) {
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
      ojson doc = ojson::parse(save_model(inputs_[i].value));
      merge_top(i, doc);
      for (merged_array& a : arrays_) {
        const auto it = doc.find(std::string(a.info->name));
        if (it == doc.end()) continue;
        a.present = true;
        for (std::size_t j = 0; j < it->size(); ++j) merge_element(a, i, j, (*it)[j]);
      }
    }
    merge_result r;
    r.conflicts = std::move(conflicts_);
    summarize(r, aliases);
    if (!r.conflicts.empty() && !options_.prefer_first) return r;

    ojson out = ojson::object();
    out["orgflow"] = model::format_version;
    if (name_) out["name"] = *name_;
    for (const auto& [k, v] : top_.value.items()) out[k] = v;
    out["x-source"] = top_.sources;
    for (const merged_array& a : arrays_) {
      if (!a.present && a.info->name != "units") continue;
      ojson list = ojson::array();
      for (const merged_element& e : a.elements) {
        ojson v = e.value;
        v["x-source"] = e.sources;
        list.push_back(std::move(v));
      }
      out[std::string(a.info->name)] = std::move(list);
    }
    load_result loaded = load_model(out.dump(2, ' ', false, ojson::error_handler_t::replace), "the merged model");
    r.diagnostics = std::move(loaded.diagnostics);
    if (r.diagnostics.empty()) r.value = std::move(loaded.value);
    return r;
  }

 private:
  std::string mapped(const std::string& id) {
    const auto it = alias_.find(id);
    if (it == alias_.end()) return id;
    used_aliases_.insert(id);
    return it->second;
  }

  // Follows the aliases in every member that names a unit.
  void apply_aliases(const array_info& a, ojson& e) {
    for (const member_info& m : a.members) {
      const auto it = e.find(std::string(m.name));
      if (it == e.end()) continue;
      const bool names_unit = m.type == member_type::unit_ref || (m.type == member_type::id && a.name == "units");
      if (names_unit && it->is_string()) *it = mapped(it->get<std::string>());
      if (m.type == member_type::unit_list && it->is_array()) {
        std::vector<std::string> items;
        for (const auto& v : *it)
          if (v.is_string()) add_unique(items, {mapped(v.get<std::string>())});
        *it = items;
      }
    }
  }

  void merge_top(std::size_t i, const ojson& doc) {
    if (!name_ && doc.contains("name")) name_ = doc["name"].get<std::string>();
    add_unique(top_.sources, provenance(doc, inputs_[i].label));
    for (const auto& [k, v] : doc.items()) {
      if (!is_x_member(k) || k == "x-source") continue;
      merge_member(top_, nullptr, i, "/" + k, k, v, "the model");
    }
  }

  // Adds member k = v of input i (at `where`) to `e`: taken when new, kept
  // once when it agrees, united when it is a list, else a conflict.
  void merge_member(merged_element& e, const member_info* m, std::size_t i, const std::string& where,
                    const std::string& k, const ojson& v, const std::string& describe) {
    const auto have = e.value.find(k);
    if (have == e.value.end()) {
      e.value[k] = v;
      e.origin[k] = {i, where};
      return;
    }
    if (same_value(m, *have, v)) return;
    if (m && is_list(m->type) && have->is_array() && v.is_array()) {
      const std::vector<std::string> a = strings_of(*have), b = strings_of(v);
      const bool star_a = a.size() == 1 && a[0] == "*", star_b = b.size() == 1 && b[0] == "*";
      if (star_a == star_b) {
        std::vector<std::string> all = a;
        add_unique(all, b);
        *have = all;
        return;
      }
    }
    const member_origin& first = e.origin[k];
    std::string message = describe + ": " + json_quoted(k) + " is " + shown(v) + " here, but " + shown(*have) + " in " +
                          inputs_[first.input].label + ":" + first.pointer;
    message += options_.prefer_first ? " (the first is kept: prefer first)"
                                     : " (make them agree, or merge with --prefer first to keep the first)";
    conflicts_.push_back({inputs_[i].label, where, 0, 0, std::move(message)});
  }

  static std::string describe(const array_info& a, const ojson& e) {
    const auto text = [&](const char* k) { return e.contains(k) && e[k].is_string() ? e[k].get<std::string>() : std::string(); };
    if (a.name == "needs") return "the need of " + json_quoted(text("unit")) + " for " + json_quoted(text("artifact"));
    if (a.name == "flows" || a.name == "handoffs") {
      const std::string what = a.name == "flows" ? "flow " : "handoff ";
      if (e.contains("id")) return what + json_quoted(text("id"));
      return what + text("from") + "->" + text("to");
    }
    if (a.name == "accepted") return "the accepted " + text("code") + " finding";
    return std::string(a.element) + " " + json_quoted(text("id"));
  }

  void merge_element(merged_array& a, std::size_t i, std::size_t j, ojson e) {
    const array_info& info = *a.info;
    apply_aliases(info, e);
    const std::vector<std::string> sources = provenance(e, inputs_[i].label);
    e.erase("x-source");
    const bool edge = info.name == "flows" || info.name == "handoffs";
    if (edge && e.contains("from") && e.contains("to") && e["from"] == e["to"]) {
      ++a.dropped;
      return;
    }
    std::optional<std::string> key;
    if (info.name == "units" || info.name == "artifacts" || info.name == "symptoms") {
      if (e.contains("id")) key = e["id"].get<std::string>();
    } else if (info.name == "needs") {
      key = e.value("unit", std::string()) + '\0' + e.value("artifact", std::string());
    } else if (edge && e.contains("id")) {
      key = "id:" + e["id"].get<std::string>();
    }
    std::optional<std::size_t> target;
    if (key) {
      if (const auto it = a.by_key.find(*key); it != a.by_key.end()) target = it->second;
    } else {
      // Unioned: an identical element that no earlier element of this input matched.
      const std::string bucket = edge ? e.value("from", std::string()) + '\0' + e.value("to", std::string())
                                      : e.value("code", std::string());
      for (std::size_t k : a.by_bucket[bucket]) {
        merged_element& m = a.elements[k];
        if (!m.inputs.count(i) && identical(info, m.value, e, /*ignore_id=*/edge)) {
          target = k;
          if (m.inputs.size() == 1) ++a.identical;  // counted once, at its second input
          break;
        }
      }
      if (!target) a.by_bucket[bucket].push_back(a.elements.size());
    }
    if (!target) {
      merged_element m;
      m.describe = describe(info, e);
      m.sources = sources;
      m.inputs.insert(i);
      for (const auto& [k, v] : e.items()) m.origin[k] = {i, pointer(std::string(info.name), j, k)};
      m.value = std::move(e);
      if (key) a.by_key[*key] = a.elements.size();
      a.elements.push_back(std::move(m));
      return;
    }
    merged_element& m = a.elements[*target];
    if (key && !m.inputs.count(i) && m.inputs.size() == 1) ++a.shared;  // counted once, at its second input
    m.inputs.insert(i);
    add_unique(m.sources, sources);
    if (!key) return;  // identical: nothing to merge
    for (const auto& [k, v] : e.items())
      merge_member(m, find_member(info, k), i, pointer(std::string(info.name), j, k), k, v, m.describe);
  }

  void summarize(merge_result& r, const unit_aliases& aliases) {
    std::vector<std::string> parts;
    for (const merged_array& a : arrays_)
      if (!a.elements.empty() || a.info->name == "units") parts.push_back(count_elements(*a.info, a.elements.size()));
    r.summary.push_back("merged " + count_of(static_cast<std::int64_t>(inputs_.size()), "model", "models") + ": " +
                        join_words(parts));
    std::vector<std::string> shared, once, dropped;
    for (const merged_array& a : arrays_) {
      if (a.shared) shared.push_back(count_elements(*a.info, a.shared));
      if (a.identical) once.push_back(count_elements(*a.info, a.identical));
      if (a.dropped) dropped.push_back(count_elements(*a.info, a.dropped));
    }
    if (!shared.empty()) r.summary.push_back("found in more than one model and merged: " + join_words(shared));
    if (!once.empty()) r.summary.push_back("identical in more than one model and listed once: " + join_words(once));
    if (!dropped.empty())
      r.summary.push_back("dropped because aliases made them go from a unit to itself: " + join_words(dropped));
    std::size_t used = 0;
    for (const auto& e : aliases.entries) {
      if (used_aliases_.count(e.alias)) {
        ++used;
        continue;
      }
      r.summary.push_back(e.place + ": warning: the alias " + json_quoted(e.alias) + " names no unit of the models");
    }
    if (!aliases.entries.empty())
      r.summary.push_back("aliases: " + count_of(static_cast<std::int64_t>(used), "unit id", "unit ids") +
                          " mapped onto other units");
  }

  const std::vector<merge_input>& inputs_;
  merge_options options_;
  std::map<std::string, std::string> alias_;
  std::set<std::string> used_aliases_;
  std::vector<merged_array> arrays_;
  merged_element top_;
  std::optional<std::string> name_;
  std::vector<diagnostic> conflicts_;
};

}  // namespace

merge_result merge_models(const std::vector<merge_input>& inputs, const unit_aliases& aliases,
                          const merge_options& options) {
  return merger(inputs, aliases, options).run(aliases);
}

}  // namespace orgflow
