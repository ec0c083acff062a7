// save_model(), validate_model() and assign_generated_ids() (orgflow/model.hpp).
//
// The writer prints JSON itself instead of building an nlohmann DOM: it must
// follow the member order the author wrote (json_extras.order, with `x-`
// members in place and their compact text copied verbatim), print
// quantities as written, and never let a library print a double. Layout is
// nlohmann's dump(2) layout: 2-space indent, one member or element per line,
// `[]`/`{}` for empty containers, and a final newline.
//
// Members that code added (not in `order`) follow the written ones in the
// spec's canonical order (the order of the tables in model-format.md).
#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/escape.hpp"
#include "orgflow/model.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow {

namespace {

class writer {
 public:
  std::string out;

  void open(char bracket) {
    out += bracket;
    first_.push_back(true);
  }
  void close(char bracket) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    out += bracket;
  }
  // Starts the next element of the current array.
  void element() {
    if (!first_.back()) out += ',';
    first_.back() = false;
    newline();
  }
  // Starts a member of the current object: `"name": `.
  void key(std::string_view name) {
    element();
    text_detail::append_model_json_string(out, name);
    out += ": ";
  }
  void string(std::string_view s) { text_detail::append_model_json_string(out, s); }

  void string_list(const std::vector<std::string>& items) {
    open('[');
    for (const auto& s : items) {
      element();
      string(s);
    }
    close(']');
  }

 private:
  void newline() {
    out += '\n';
    out.append(2 * first_.size(), ' ');
  }
  std::vector<bool> first_;
};

// Writes the members of one object: first those in `extras.order` (known
// ones through `write_known`, `x-` ones verbatim), then known members added
// in code in canonical order, then `x-` members added in code.
// write_known(name, written_by_author) writes `"name": value` when the model
// has a value for it (or must always have one) and returns whether it did.
template <class F>
void write_members(writer& w, const json_extras& extras, std::initializer_list<std::string_view> canonical,
                   F&& write_known) {
  // Hash lookups, so that an object with 62,000 `x-` members is written in
  // linear time (a scan per member made it quadratic).
  std::unordered_set<std::string_view> done;
  std::unordered_map<std::string_view, const std::string*> x_text;  // first text of each x- key
  x_text.reserve(extras.x_members.size());
  for (const auto& [xk, text] : extras.x_members) x_text.emplace(xk, &text);
  for (const auto& k : extras.order) {
    if (done.count(k) != 0) continue;
    if (k.size() >= 2 && k[0] == 'x' && k[1] == '-') {
      if (const auto it = x_text.find(k); it != x_text.end()) {
        w.key(k);
        w.out += *it->second;
        done.insert(k);
      }
      continue;
    }
    for (const auto c : canonical)
      if (c == k) {
        write_known(c, /*written_by_author=*/true);
        done.insert(c);
        break;
      }
  }
  for (const auto c : canonical)
    if (done.count(c) == 0) write_known(c, /*written_by_author=*/false);
  for (const auto& [xk, text] : extras.x_members)
    if (done.insert(xk).second) {
      w.key(xk);
      w.out += text;
    }
}

// Quantities print as the author wrote them, unless code changed the value
// and left the old text (then the canonical form, so the text never lies).
std::string duration_text(const duration_value& d) {
  if (!d.text.empty()) {
    auto parsed = parse_duration(d.text, nullptr);
    if (parsed && parsed->ms == d.ms) return d.text;
  }
  return format_duration(d.ms);
}

std::string cadence_text(const cadence_value& c) {
  if (!c.text.empty()) {
    auto parsed = parse_cadence(c.text, nullptr);
    if (parsed && parsed->ms == c.ms) return c.text;
  }
  return format_cadence(c.ms);
}

std::string rate_text(const rate_value& r) {
  if (!r.text.empty()) {
    auto parsed = parse_rate(r.text, nullptr);
    if (parsed && *parsed == r) return r.text;
  }
  return format_rate(r);
}

// The shortest text that reads back as the same double (std::to_chars,
// locale-independent). Non-finite values cannot be JSON: they print as null,
// which loading rejects with a message at the member.
std::string number_text(double x) {
  if (!std::isfinite(x)) return "null";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

struct model_writer {
  writer w;

  template <class T>
  bool opt_string(std::string_view k, const std::optional<T>& v) {
    if (!v) return false;
    w.key(k);
    w.string(*v);
    return true;
  }
  bool opt_bool(std::string_view k, const std::optional<bool>& v) {
    if (!v) return false;
    w.key(k);
    w.out += *v ? "true" : "false";
    return true;
  }
  bool opt_duration(std::string_view k, const std::optional<duration_value>& v) {
    if (!v) return false;
    w.key(k);
    w.string(duration_text(*v));
    return true;
  }
  bool opt_rate(std::string_view k, const std::optional<rate_value>& v) {
    if (!v) return false;
    w.key(k);
    w.string(rate_text(*v));
    return true;
  }
  bool opt_list(std::string_view k, const std::optional<std::vector<std::string>>& v) {
    if (!v) return false;
    w.key(k);
    w.string_list(*v);
    return true;
  }
  bool opt_integer(std::string_view k, const std::optional<std::int64_t>& v) {
    if (!v) return false;
    w.key(k);
    w.out += std::to_string(*v);
    return true;
  }
  bool always_string(std::string_view k, const std::string& v) {
    w.key(k);
    w.string(v);
    return true;
  }

  void write_unit(const unit& u) {
    w.open('{');
    write_members(w, u.extras, {"id", "name", "kind", "group", "capacity", "staff", "demand", "accepts", "members"},
                  [&](std::string_view k, bool) {
                    if (k == "id") return always_string(k, u.id);
                    if (k == "name") return opt_string(k, u.name);
                    if (k == "kind") {
                      if (!u.kind) return false;
                      w.key(k);
                      w.string(to_string(*u.kind));
                      return true;
                    }
                    if (k == "group") return opt_string(k, u.group);
                    if (k == "capacity") return opt_rate(k, u.capacity);
                    if (k == "staff") return opt_integer(k, u.staff);
                    if (k == "demand") return opt_rate(k, u.demand);
                    if (k == "accepts") return opt_list(k, u.accepts);
                    if (k == "members") return opt_integer(k, u.members);
                    return false;
                  });
    w.close('}');
  }

  void write_artifact(const artifact& a) {
    w.open('{');
    write_members(w, a.extras, {"id", "name", "owner", "changes", "max_age", "format"}, [&](std::string_view k, bool) {
      if (k == "id") return always_string(k, a.id);
      if (k == "name") return opt_string(k, a.name);
      if (k == "owner") return always_string(k, a.owner);
      if (k == "changes") return opt_duration(k, a.changes);
      if (k == "max_age") return opt_duration(k, a.max_age);
      if (k == "format") return opt_string(k, a.format);
      return false;
    });
    w.close('}');
  }

  void write_flow(const flow& f) {
    w.open('{');
    write_members(w, f.extras,
                  {"id", "from", "to", "carries", "channel", "latency", "cadence", "format", "manual", "reliability",
                   "volume"},
                  [&](std::string_view k, bool) {
                    // Generated ids are never written back (model-format.md).
                    if (k == "id") return !f.id_generated && !f.id.empty() && always_string(k, f.id);
                    if (k == "from") return always_string(k, f.from);
                    if (k == "to") return always_string(k, f.to);
                    if (k == "carries") return opt_list(k, f.carries);
                    if (k == "channel") return opt_string(k, f.channel);
                    if (k == "latency") return opt_duration(k, f.latency);
                    if (k == "cadence") {
                      if (!f.cadence) return false;
                      w.key(k);
                      w.string(cadence_text(*f.cadence));
                      return true;
                    }
                    if (k == "format") return opt_string(k, f.format);
                    if (k == "manual") return opt_bool(k, f.manual);
                    if (k == "reliability") {
                      if (!f.reliability) return false;
                      w.key(k);
                      w.out += number_text(*f.reliability);
                      return true;
                    }
                    if (k == "volume") return opt_rate(k, f.volume);
                    return false;
                  });
    w.close('}');
  }

  void write_handoff(const handoff& h) {
    w.open('{');
    write_members(w, h.extras, {"id", "from", "to", "process", "item", "volume", "wait", "context", "returns"},
                  [&](std::string_view k, bool) {
                    if (k == "id") return !h.id_generated && !h.id.empty() && always_string(k, h.id);
                    if (k == "from") return always_string(k, h.from);
                    if (k == "to") return always_string(k, h.to);
                    if (k == "process") return opt_string(k, h.process);
                    if (k == "item") return opt_string(k, h.item);
                    if (k == "volume") return opt_rate(k, h.volume);
                    if (k == "wait") return opt_duration(k, h.wait);
                    if (k == "context") return opt_list(k, h.context);
                    if (k == "returns") return opt_bool(k, h.returns);
                    return false;
                  });
    w.close('}');
  }

  void write_need(const need& n) {
    w.open('{');
    write_members(w, n.extras, {"unit", "artifact", "max_age", "purpose"}, [&](std::string_view k, bool) {
      if (k == "unit") return always_string(k, n.unit);
      if (k == "artifact") return always_string(k, n.artifact);
      if (k == "max_age") return opt_duration(k, n.max_age);
      if (k == "purpose") return opt_string(k, n.purpose);
      return false;
    });
    w.close('}');
  }

  void write_symptom(const symptom& s) {
    w.open('{');
    write_members(w, s.extras, {"id", "unit", "performer", "description", "artifacts", "process"}, [&](std::string_view k, bool) {
      if (k == "id") return always_string(k, s.id);
      if (k == "unit") return always_string(k, s.unit);
      if (k == "performer") return opt_string(k, s.performer);
      if (k == "description") return always_string(k, s.description);
      if (k == "artifacts") return opt_list(k, s.artifacts);
      if (k == "process") return opt_string(k, s.process);
      return false;
    });
    w.close('}');
  }

  void write_accepted(const accepted_finding& a) {
    w.open('{');
    write_members(w, a.extras, {"code", "units", "artifact", "process", "ref", "from", "to", "reason"},
                  [&](std::string_view k, bool) {
                    if (k == "code") return always_string(k, a.code);
                    if (k == "units") return opt_list(k, std::optional<std::vector<std::string>>(a.units));
                    if (k == "artifact") return opt_string(k, a.artifact);
                    if (k == "process") return opt_string(k, a.process);
                    if (k == "ref") return opt_string(k, a.ref);
                    if (k == "from") return opt_string(k, a.from);
                    if (k == "to") return opt_string(k, a.to);
                    if (k == "reason") return always_string(k, a.reason);
                    return false;
                  });
    w.close('}');
  }

  template <class T, class F>
  bool array(std::string_view k, const std::vector<T>& items, bool written_by_author, bool required, F&& write_one) {
    // An absent array is the same as an empty one: write it when the author
    // did, when it is required, or when it has elements.
    if (items.empty() && !written_by_author && !required) return false;
    w.key(k);
    w.open('[');
    for (const auto& item : items) {
      w.element();
      write_one(item);
    }
    w.close(']');
    return true;
  }

  void write_model(const model& m) {
    w.open('{');
    write_members(w, m.extras, {"orgflow", "name", "units", "artifacts", "flows", "handoffs", "needs", "symptoms", "accepted"},
                  [&](std::string_view k, bool by_author) {
                    if (k == "orgflow") {
                      w.key(k);
                      w.out += '2';  // export writes the current format version
                      return true;
                    }
                    if (k == "name") return opt_string(k, m.name);
                    if (k == "units") return array(k, m.units, by_author, true, [&](const unit& u) { write_unit(u); });
                    if (k == "artifacts")
                      return array(k, m.artifacts, by_author, false, [&](const artifact& a) { write_artifact(a); });
                    if (k == "flows") return array(k, m.flows, by_author, false, [&](const flow& f) { write_flow(f); });
                    if (k == "handoffs")
                      return array(k, m.handoffs, by_author, false, [&](const handoff& h) { write_handoff(h); });
                    if (k == "needs") return array(k, m.needs, by_author, false, [&](const need& n) { write_need(n); });
                    if (k == "symptoms")
                      return array(k, m.symptoms, by_author, false, [&](const symptom& s) { write_symptom(s); });
                    if (k == "accepted")
                      return array(k, m.accepted, by_author || m.has_accepted, false,
                                   [&](const accepted_finding& a) { write_accepted(a); });
                    return false;
                  });
    w.close('}');
    w.out += '\n';
  }
};

template <class T>
void regenerate(std::vector<T>& items) {
  // Same rule as loading (load_checker.hpp, checker::generate): n counts
  // every element with the same from and to, explicit id or not.
  std::unordered_map<std::string, std::uint32_t> counts;
  for (T& item : items) {
    std::string key = item.from;
    key += '\0';
    key += item.to;
    const std::uint32_t n = ++counts[key];
    if (item.id_generated || item.id.empty()) {
      item.id = item.from + "->" + item.to + "#" + std::to_string(n);
      item.id_generated = true;
    }
  }
}

}  // namespace

std::string save_model(const model& m) {
  model_writer mw;
  mw.w.out.reserve(256 + 160 * (m.units.size() + m.artifacts.size() + m.flows.size() + m.handoffs.size() +
                                m.needs.size() + m.symptoms.size()));
  mw.write_model(m);
  return std::move(mw.w.out);
}

std::vector<diagnostic> validate_model(const model& m, std::string_view file_name) {
  return load_model(save_model(m), file_name).diagnostics;
}

void assign_generated_ids(model& m) {
  regenerate(m.flows);
  regenerate(m.handoffs);
}

}  // namespace orgflow
