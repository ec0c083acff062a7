// The checker's value readers and reporting (load_checker.hpp): where a
// diagnostic is placed in the document, and how a member's value is read as
// a string, a list of strings, an integer, true or false, a duration, a
// cadence, a rate or an id, each with the message that says how to fix it.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "model/load_checker.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow::load_detail {

const char* type_phrase(jtype t) {
  switch (t) {
    case jtype::null_value: return "null";
    case jtype::boolean: return "true or false";
    case jtype::integer:
    case jtype::unsigned_integer:
    case jtype::floating: return "a number";
    case jtype::string: return "a string";
    case jtype::array: return "an array";
    case jtype::object: return "an object";
  }
  return "a value";
}

const char* space_name(space_kind k) {
  switch (k) {
    case space_kind::unit: return "unit";
    case space_kind::artifact: return "artifact";
    case space_kind::symptom: return "symptom";
    case space_kind::flow: return "flow";
    case space_kind::handoff: return "handoff";
  }
  return "object";
}

std::string fold_case(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const std::string* id_space::suggestion(const std::string& id) {
  if (!folded_built) {
    folded_built = true;
    for (const auto& [k, e] : first) {
      (void)e;
      folded.emplace(fold_case(k), k);
    }
  }
  const auto it = folded.find(fold_case(id));
  return it == folded.end() ? nullptr : &it->second;
}

// -- reporting ---------------------------------------------------------------
void checker::report(std::uint32_t node, std::string message) {
  diags_.push_back({2 * static_cast<std::uint64_t>(node), doc_.pointer(node), std::move(message)});
}

void checker::report_missing(std::uint32_t object, std::string_view member, std::string message) {
  const std::uint32_t last = doc_.nodes[object].subtree_end - 1;
  diags_.push_back({2 * static_cast<std::uint64_t>(last) + 1, doc_.member_pointer(object, member), std::move(message)});
}

void checker::report_unknown(std::uint32_t node, std::string_view k, std::string_view what) {
  report(node, "unknown member " + json_quoted(k) + " in " + std::string(what) +
                   " (check the spelling; names of members for other tools must start with x-)");
}

void checker::report_nulls_in(std::uint32_t node) {
  const jnode& n = doc_.nodes[node];
  for (std::uint32_t i = node; i < n.subtree_end; ++i)
    if (doc_.nodes[i].type == jtype::null_value)
      report(i, "null is not allowed, not even in x- members (leave the value out)");
}

// -- values ------------------------------------------------------------------
// The number at `node` as written (integers print exactly).
std::string checker::number_text(std::uint32_t node) const {
  const jnode& n = doc_.nodes[node];
  if (n.type == jtype::integer) return std::to_string(n.integer);
  if (n.type == jtype::unsigned_integer) return std::to_string(n.unsigned_value);
  return std::string(doc_.str(node));
}

void checker::type_error(std::uint32_t node, std::string_view member, std::string_view expected) {
  report(node, json_quoted(member) + " must be " + std::string(expected) + ", not " + type_phrase(doc_.nodes[node].type));
}

std::optional<std::string> checker::get_string(std::uint32_t node, std::string_view member) {
  if (doc_.nodes[node].type != jtype::string) {
    type_error(node, member, "a string");
    return std::nullopt;
  }
  return std::string(doc_.str(node));
}

// A list of strings with repeated entries dropped (the spec allows and
// ignores them), or nullopt after reporting.
std::optional<std::vector<std::string>> checker::get_string_list(std::uint32_t node, std::string_view member,
                                                         std::vector<std::uint32_t>* item_nodes) {
  if (doc_.nodes[node].type != jtype::array) {
    type_error(node, member, "an array of strings ([\"...\", ...])");
    return std::nullopt;
  }
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;
  bool ok = true;
  for (std::uint32_t c = doc_.nodes[node].first_child; c != none; c = doc_.nodes[c].next_sibling) {
    const jtype t = doc_.nodes[c].type;
    if (t != jtype::string) {
      if (t == jtype::null_value) report(c, "null is not allowed in " + json_quoted(member) + " (remove the entry)");
      else report(c, "the entries of " + json_quoted(member) + " must be strings, not " + std::string(type_phrase(t)));
      ok = false;
      continue;
    }
    const std::string_view s = doc_.str(c);
    if (!seen.insert(s).second) continue;
    out.emplace_back(s);
    if (item_nodes) item_nodes->push_back(c);
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::int64_t> checker::get_integer(std::uint32_t node, std::string_view member, std::int64_t minimum,
                                        std::string_view meaning) {
  const jnode& n = doc_.nodes[node];
  if (n.type == jtype::unsigned_integer) {
    report(node, json_quoted(member) + " is too large (" + std::string(meaning) + ")");
    return std::nullopt;
  }
  if (n.type == jtype::floating) {
    const std::string_view text = doc_.str(node);
    if (text.find_first_not_of("0123456789-") == std::string_view::npos)
      report(node, json_quoted(member) + " is too large (" + std::string(meaning) + ")");
    else if (n.floating >= -1e15 && n.floating <= 1e15 && n.floating == std::trunc(n.floating))  // range first: the cast of 1e300 would be UB
      report(node, json_quoted(member) + " must be a JSON integer (write " +
                       std::to_string(static_cast<std::int64_t>(n.floating)) + ", not " + echoed(text) + ")");
    else
      report(node, json_quoted(member) + " must be a whole number, not " + echoed(text) + " (" + std::string(meaning) + ")");
    return std::nullopt;
  }
  if (n.type != jtype::integer) {
    type_error(node, member, "an integer");
    return std::nullopt;
  }
  if (n.integer < minimum) {
    report(node, json_quoted(member) + " must be at least " + std::to_string(minimum) + ", not " +
                     std::to_string(n.integer) + " (" + std::string(meaning) + ")");
    return std::nullopt;
  }
  return n.integer;
}

std::optional<bool> checker::get_bool(std::uint32_t node, std::string_view member) {
  if (doc_.nodes[node].type != jtype::boolean) {
    type_error(node, member, "true or false");
    return std::nullopt;
  }
  return doc_.nodes[node].boolean;
}

std::optional<duration_value> checker::get_duration(std::uint32_t node, std::string_view member) {
  const jnode& n = doc_.nodes[node];
  if (n.type != jtype::string) {
    if (n.type == jtype::integer || n.type == jtype::floating || n.type == jtype::unsigned_integer)
      report(node, json_quoted(member) + " must be a string with a unit, such as \"2d\" or \"PT4H\" (a bare number is "
                   "an error: which unit would it be?)");
    else type_error(node, member, "a duration string such as \"2d\" or \"PT4H\"");
    return std::nullopt;
  }
  std::string why;
  auto d = parse_duration(doc_.str(node), &why);
  if (!d) report(node, why);
  return d;
}

std::optional<cadence_value> checker::get_cadence(std::uint32_t node, std::string_view member) {
  const jnode& n = doc_.nodes[node];
  if (n.type != jtype::string) {
    if (n.type == jtype::integer || n.type == jtype::floating || n.type == jtype::unsigned_integer)
      report(node, json_quoted(member) + " must be a string such as \"on-change\", \"weekly\" or \"7d\" (a bare number "
                   "is an error: which unit would it be?)");
    else type_error(node, member, "a cadence string such as \"on-change\", \"weekly\" or \"7d\"");
    return std::nullopt;
  }
  std::string why;
  auto c = parse_cadence(doc_.str(node), &why);
  if (!c) report(node, why);
  return c;
}

std::optional<rate_value> checker::get_rate(std::uint32_t node, std::string_view member) {
  const jnode& n = doc_.nodes[node];
  if (n.type != jtype::string) {
    if (n.type == jtype::integer || n.type == jtype::floating || n.type == jtype::unsigned_integer)
      report(node, json_quoted(member) + " must be a string with a period, such as \"200/w\" (a bare number is an "
                   "error: which period would it be?)");
    else type_error(node, member, "a rate string such as \"200/w\"");
    return std::nullopt;
  }
  std::string why;
  auto r = parse_rate(doc_.str(node), &why);
  if (!r) report(node, why);
  return r;
}

// -- ids ----------------------------------------------------------------
// Checks the syntax of an id; returns it when valid.
std::optional<std::string> checker::get_id(std::uint32_t node, std::string_view member, id_space& space) {
  if (doc_.nodes[node].type != jtype::string) {
    type_error(node, member, "a string id such as \"sales\"");
    return std::nullopt;
  }
  const std::string_view id = doc_.str(node);
  const std::string problem = id_problem(id);
  if (!problem.empty()) {
    space.invalid.insert(std::string(id));
    report(node, problem);
    return std::nullopt;
  }
  return std::string(id);
}

std::string checker::id_problem(std::string_view id) {
  const auto ok = [](char c, bool first) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (!first && (c == '_' || c == '.' || c == ':' || c == '-'));
  };
  if (id.find("->") != std::string_view::npos && id.find('#') != std::string_view::npos)
    return json_quoted(id) + " is not a valid id: ids of the form from->to#n are generated (leave the member out, "
                             "or write an id of letters, digits and _ . : -)";
  if (id.empty()) return "the id is empty (write an id such as \"sales\": letters, digits and _ . : -)";
  if (id.size() > max_id_length)
    return "the id is " + std::to_string(id.size()) + " characters long (an id has at most 128: shorten it)";
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (ok(id[i], i == 0)) continue;
    const auto c = static_cast<unsigned char>(id[i]);
    std::string what;
    if (i == 0 && (c == '_' || c == '.' || c == ':' || c == '-'))
      what = "it must start with a letter or a digit";
    else if (c == ' ') what = "spaces are not allowed (use - or _)";
    else if (c >= 0x80) what = "only ASCII letters are allowed";
    else if (c < 0x20 || c == 0x7F) what = "control characters are not allowed";
    else what = "'" + std::string(1, static_cast<char>(c)) + "' is not allowed";
    return json_quoted(id) + " is not a valid id: " + what +
           " (an id is letters, digits and _ . : -, starting with a letter or digit)";
  }
  return {};
}

// Registers a valid id of element `index`; a duplicate is reported at its
// second occurrence.
void checker::declare(space_kind kind, id_space& space, const std::string& id, std::uint32_t node, std::uint32_t index) {
  const auto [it, inserted] = space.first.emplace(id, id_space::entry{index, node});
  if (!inserted) {
    report(node, "duplicate " + std::string(space_name(kind)) + " id " + json_quoted(id) + " (the first is at " +
                     doc_.pointer(it->second.node) + "; ids must be unique among " + space_name(kind) +
                     "s: rename one of them)");
    return;
  }
}

void checker::refer(std::uint32_t node, space_kind target, space_kind referrer, std::uint32_t index, std::string id) {
  refs_.push_back({node, target, referrer, index, std::move(id)});
}

}  // namespace orgflow::load_detail
