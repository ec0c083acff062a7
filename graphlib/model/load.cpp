// load_model(): JSON text -> validated orgflow::model, or every problem found
// (model-format.md, "Exact rules" and "Errors").
//
// Two stages:
//  1. nlohmann/json's SAX parser feeds a flat tree of our own (`document`):
//     nodes in pre-order, strings in one arena. Going through SAX rather than
//     nlohmann's DOM is what lets us see a member repeated within one object
//     (the DOM silently keeps the last one), keep the order of members, keep
//     the text of numbers in `x-` members, and report syntax errors at
//     line:column. The flat tree costs no allocation per node.
//  2. A checker walks the tree once, fills the model and collects
//     diagnostics keyed by their position in the document; references, ids,
//     generated ids and group cycles are resolved afterwards with hash maps
//     (no per-reference scan), and the diagnostics are stably sorted into
//     document order.
//
// Messages are plain sentences that say how to fix the input. A problem at a
// missing member is placed at the end of its object in document order.
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/json_text.hpp"
#include "orgflow/finding_codes.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/model.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow {

namespace {

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
// Nesting deeper than this is rejected (the format needs 4 levels; the limit
// keeps our recursive helpers far from the stack's end on hostile input).
constexpr std::size_t max_depth = 256;
constexpr std::size_t max_id_length = 128;

// ---------------------------------------------------------------------------
// Stage 1: the document tree

enum class jtype : std::uint8_t { null_value, boolean, integer, unsigned_integer, floating, string, array, object };

struct jnode {
  jtype type = jtype::null_value;
  bool boolean = false;
  std::uint32_t parent = none;
  std::uint32_t index = 0;  // position among the parent's children
  std::uint32_t key_off = 0, key_len = 0;
  std::uint32_t str_off = 0, str_len = 0;  // string value, or the text of a float
  std::uint32_t first_child = none, last_child = none, next_sibling = none;
  std::uint32_t child_count = 0;
  std::uint32_t subtree_end = 0;  // one past the last node of the subtree
  union {                          // by `type`
    std::int64_t integer = 0;      // integer, and unsigned values up to INT64_MAX
    std::uint64_t unsigned_value;  // unsigned_integer: above INT64_MAX
    double floating;               // floating
  };
};

// A diagnostic before sorting: `pos` orders it in the document (node i is at
// 2i; 2i+1 is "just after node i", used for missing members and duplicates).
struct pending {
  std::uint64_t pos = 0;
  std::string pointer;
  std::string message;
};

struct document {
  std::vector<jnode> nodes;
  std::string arena;

  std::string_view key(std::uint32_t i) const { return {arena.data() + nodes[i].key_off, nodes[i].key_len}; }
  std::string_view str(std::uint32_t i) const { return {arena.data() + nodes[i].str_off, nodes[i].str_len}; }

  static void append_escaped_segment(std::string& out, std::string_view key) {
    for (char c : key) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
  }

  std::string pointer(std::uint32_t i) const {
    std::vector<std::uint32_t> chain;
    for (std::uint32_t k = i; k != none && nodes[k].parent != none; k = nodes[k].parent) chain.push_back(k);
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      out += '/';
      if (nodes[nodes[*it].parent].type == jtype::object) append_escaped_segment(out, key(*it));
      else out += std::to_string(nodes[*it].index);
    }
    return out;
  }

  std::string member_pointer(std::uint32_t object, std::string_view member) const {
    std::string out = pointer(object);
    out += '/';
    append_escaped_segment(out, member);
    return out;
  }

  // Compact JSON of a subtree, numbers as written (x- members are written
  // back unchanged).
  void compact(std::uint32_t i, std::string& out) const {
    const jnode& n = nodes[i];
    switch (n.type) {
      case jtype::null_value: out += "null"; break;
      case jtype::boolean: out += n.boolean ? "true" : "false"; break;
      case jtype::integer: out += std::to_string(n.integer); break;
      case jtype::unsigned_integer: out += std::to_string(n.unsigned_value); break;
      case jtype::floating: out += str(i); break;
      case jtype::string: detail::append_json_string(out, str(i)); break;
      case jtype::array:
      case jtype::object: {
        const bool obj = n.type == jtype::object;
        out += obj ? '{' : '[';
        for (std::uint32_t c = n.first_child; c != none; c = nodes[c].next_sibling) {
          if (c != n.first_child) out += ',';
          if (obj) {
            detail::append_json_string(out, key(c));
            out += ':';
          }
          compact(c, out);
        }
        out += obj ? '}' : ']';
        break;
      }
    }
  }
};

// A value echoed in a message: shortened (a 100,000-digit number is not
// printed whole) and escaped as JSON, so it is printable UTF-8.
std::string json_quoted(std::string_view s) {
  std::string out;
  detail::append_json_string(out, shortened(s));
  return out;
}

struct syntax_problem {
  std::size_t offset = 0;  // byte offset of the offending character
  std::string message;
};

// ASCII only, whatever the locale (std::isalpha depends on it).
bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Byte offset where the token that ends at `last` starts: nlohmann reports
// the last character it read, but people look for the start of an
// unexpected string, number or literal.
std::size_t token_start(std::string_view text, std::size_t last) {
  if (last >= text.size()) return last;
  const auto is_number_or_word = [](char c) {
    return ascii_letter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  };
  if (text[last] == '"') {
    // The opening quote: the nearest '"' before it that no odd run of
    // backslashes escapes (strings hold no raw newline).
    for (std::size_t k = last; k-- > 0;) {
      if (text[k] == '\n') break;
      if (text[k] != '"') continue;
      std::size_t slashes = 0;
      while (k >= slashes + 1 && text[k - slashes - 1] == '\\') ++slashes;
      if (slashes % 2 == 0) return k;
    }
    return last;
  }
  std::size_t k = last;
  while (k > 0 && is_number_or_word(text[k]) && is_number_or_word(text[k - 1])) --k;
  return k;
}

// Turns nlohmann's parse error into a sentence for people, and moves
// `offset` to where people look for the problem.
std::string syntax_message(std::string_view text, std::size_t& offset, const std::string& what, int id) {
  if (id == 406) {
    // out_of_range.406: "number overflow parsing '1e400'"
    const auto q = what.find('\'');
    const std::string number = q == std::string::npos ? std::string() : what.substr(q + 1, what.rfind('\'') - q - 1);
    offset = token_start(text, offset);
    return "the number " + echoed(number) + " is beyond the range of a double (write a smaller number)";
  }
  std::string detail = what;
  const auto dash = detail.find(" - ");
  if (dash != std::string::npos) detail = detail.substr(dash + 3);
  // nlohmann quotes the token it read ("last read: '0.\xb9'"): that is the
  // input, possibly huge and not UTF-8; echo it shortened and printable.
  if (const auto q = detail.find("last read: '"); q != std::string::npos) {
    const auto start = q + 12;
    const auto end = detail.rfind('\'');
    if (end != std::string::npos && end >= start)
      detail = detail.substr(0, start) + echoed(std::string_view(detail).substr(start, end - start)) + detail.substr(end);
  }
  // NaN and Infinity are no JSON: say so instead of "invalid literal".
  if (offset < text.size()) {
    std::size_t start = offset;
    while (start > 0 && ascii_letter(text[start - 1])) --start;
    const std::string_view word = text.substr(start, 3);
    if (word == "NaN" || word == "Inf") {
      offset = start;
      return "NaN and Infinity are not JSON numbers (write a number, or leave the member out)";
    }
  }
  if (offset < text.size() && text[offset] == '\0')
    return "the file holds a NUL byte here: it is a binary file, not JSON text (is it the right file?)";
  if (detail.find("ill-formed UTF-8") != std::string::npos)
    return "the file is not valid UTF-8 (save it with the UTF-8 encoding)";
  if (detail.find("unexpected end of input") != std::string::npos)
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos
               ? "the file is empty (a model is a JSON object: {\"orgflow\": 2, \"units\": []})"
               : "the JSON text ends too early (a closing bracket, brace or quote is missing)";
  if (detail.find("missing closing quote") != std::string::npos) {
    // Point at the opening quote: the last unescaped '"' before the end.
    for (std::size_t k = std::min(offset, text.size()); k-- > 0;) {
      if (text[k] != '"') continue;
      std::size_t slashes = 0;
      while (k >= slashes + 1 && text[k - slashes - 1] == '\\') ++slashes;
      if (slashes % 2 == 0) {
        offset = k;
        break;
      }
    }
    return "a string has no closing quote (add the \" that ends it)";
  }
  if (detail.find("expected end of input") != std::string::npos)
    return "invalid JSON: more text after the end of the model object (remove it, or put it inside the object)";
  if (detail.find("invalid literal") != std::string::npos)
    return "invalid JSON: a value must be a number, a \"string\", true, false, an array or an object (names and "
           "strings need double quotes)";
  // Look back for a comma before a closing bracket: the classic trailing comma.
  if (offset < text.size() && (text[offset] == '}' || text[offset] == ']')) {
    std::size_t k = offset;
    while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\n' || text[k - 1] == '\r')) --k;
    if (k > 0 && text[k - 1] == ',')
      return "invalid JSON: a comma before '" + std::string(1, text[offset]) + "' (remove the trailing comma)";
  }
  if (detail.rfind("unexpected ", 0) == 0) {
    offset = token_start(text, offset);
    const bool value_token = detail.find("unexpected '}'") == std::string::npos &&
                             detail.find("unexpected ']'") == std::string::npos &&
                             detail.find("unexpected ':'") == std::string::npos &&
                             detail.find("unexpected ','") == std::string::npos;
    if (value_token && (detail.find("; expected '}'") != std::string::npos || detail.find("; expected ']'") != std::string::npos))
      return "invalid JSON: a comma is missing before this (add a , between the two members or values)";
    if (detail.find("expected '[', '{', or a literal") != std::string::npos)
      return "invalid JSON: a value is missing here (write a number, a \"string\", true, false, [...] or {...})";
    if (detail.find("; expected ':'") != std::string::npos)
      return "invalid JSON: a ':' is missing after the member name (write \"name\": value)";
    if (detail.find("; expected string literal") != std::string::npos)
      return "invalid JSON: a member name in double quotes is expected here (write \"name\": value)";
  }
  return "invalid JSON: " + detail;
}

class builder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  builder(document& doc, std::vector<pending>& diags, std::string_view text) : doc_(doc), diags_(diags), text_(text) {}

  std::optional<syntax_problem> syntax;
  bool aborted = false;

  bool null() override { return scalar(jtype::null_value); }
  bool boolean(bool v) override {
    if (skip_scalar()) return true;
    add(jtype::boolean).boolean = v;
    return true;
  }
  bool number_integer(number_integer_t v) override {
    if (skip_scalar()) return true;
    add(jtype::integer).integer = v;
    return true;
  }
  bool number_unsigned(number_unsigned_t v) override {
    if (skip_scalar()) return true;
    if (v <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      add(jtype::integer).integer = static_cast<std::int64_t>(v);
    } else {
      add(jtype::unsigned_integer).unsigned_value = v;
    }
    return true;
  }
  bool number_float(number_float_t v, const string_t& s) override {
    if (skip_scalar()) return true;
    const auto [off, len] = store(s);
    jnode& n = add(jtype::floating);
    n.floating = v;
    n.str_off = off;
    n.str_len = len;
    return true;
  }
  bool string(string_t& s) override {
    if (skip_scalar()) return true;
    const auto [off, len] = store(s);
    jnode& n = add(jtype::string);
    n.str_off = off;
    n.str_len = len;
    return true;
  }
  bool binary(binary_t&) override { return scalar(jtype::null_value); }  // never called for JSON text
  bool start_object(std::size_t) override { return open(jtype::object); }
  bool start_array(std::size_t) override { return open(jtype::array); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    if (skipping_) return true;
    frame& f = stack_.back();
    const jnode& obj = doc_.nodes[f.node];
    bool duplicate = false;
    if (!f.keys.empty()) duplicate = f.keys.count(k) > 0;
    else
      for (std::uint32_t c = obj.first_child; c != none; c = doc_.nodes[c].next_sibling)
        if (doc_.key(c) == k) {
          duplicate = true;
          break;
        }
    if (duplicate) {
      diags_.push_back({2 * static_cast<std::uint64_t>(doc_.nodes.size()) - 1, doc_.member_pointer(f.node, k),
                        "the member " + json_quoted(k) + " is repeated in this object (keep only one of them)"});
      skipping_ = true;
      skip_depth_ = 0;
      return true;
    }
    // Objects with many members switch to a hash set, so that a hostile
    // object with a million members stays linear.
    if (obj.child_count == 16) {
      for (std::uint32_t c = obj.first_child; c != none; c = doc_.nodes[c].next_sibling)
        f.keys.insert(std::string(doc_.key(c)));
    }
    if (obj.child_count >= 16) f.keys.insert(k);
    const auto [off, len] = store(k);
    key_off_ = off;
    key_len_ = len;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    std::size_t offset = position == 0 ? 0 : position - 1;
    std::string message = syntax_message(text_, offset, ex.what(), ex.id);
    syntax = syntax_problem{offset, std::move(message)};
    return false;
  }

 private:
  struct frame {
    std::uint32_t node;
    std::unordered_set<std::string> keys;  // filled only for objects of more than 16 members
  };

  std::pair<std::uint32_t, std::uint32_t> store(std::string_view s) {
    const auto off = static_cast<std::uint32_t>(doc_.arena.size());
    doc_.arena.append(s);
    return {off, static_cast<std::uint32_t>(s.size())};
  }

  bool skip_scalar() {
    if (!skipping_) return false;
    if (skip_depth_ == 0) skipping_ = false;
    return true;
  }

  bool scalar(jtype t) {
    if (skip_scalar()) return true;
    add(t);
    return true;
  }

  jnode& add(jtype t) {
    const auto i = static_cast<std::uint32_t>(doc_.nodes.size());
    doc_.nodes.emplace_back();
    jnode& n = doc_.nodes.back();
    n.type = t;
    n.subtree_end = i + 1;
    if (!stack_.empty()) {
      jnode& p = doc_.nodes[stack_.back().node];
      n.parent = stack_.back().node;
      n.index = p.child_count++;
      if (p.last_child == none) p.first_child = i;
      else doc_.nodes[p.last_child].next_sibling = i;
      p.last_child = i;
      if (p.type == jtype::object) {
        n.key_off = key_off_;
        n.key_len = key_len_;
      }
    }
    return n;
  }

  bool open(jtype t) {
    if (skipping_) {
      ++skip_depth_;
      return true;
    }
    if (stack_.size() >= max_depth) {
      const auto parent = stack_.back().node;
      diags_.push_back({2 * static_cast<std::uint64_t>(doc_.nodes.size()) - 1, doc_.pointer(parent),
                        "the JSON nests more than " + std::to_string(max_depth) +
                            " levels deep (a model needs only a few levels: flatten the data)"});
      aborted = true;
      return false;
    }
    add(t);
    stack_.push_back(frame{static_cast<std::uint32_t>(doc_.nodes.size() - 1), {}});
    return true;
  }

  bool close() {
    if (skipping_) {
      if (--skip_depth_ == 0) skipping_ = false;
      return true;
    }
    doc_.nodes[stack_.back().node].subtree_end = static_cast<std::uint32_t>(doc_.nodes.size());
    stack_.pop_back();
    return true;
  }

  document& doc_;
  std::vector<pending>& diags_;
  std::string_view text_;
  std::vector<frame> stack_;
  std::uint32_t key_off_ = 0, key_len_ = 0;
  bool skipping_ = false;  // inside the value of a repeated member (dropped)
  int skip_depth_ = 0;
};

// ---------------------------------------------------------------------------
// Stage 2: the checker

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

enum class space_kind { unit, artifact, symptom, flow, handoff };

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

// The ids of one array: the first element of each id (references resolve to
// it) and the ids that were reported invalid (references to them are not
// reported again).
struct id_space {
  struct entry {
    std::uint32_t index;  // element index of the first occurrence
    std::uint32_t node;   // its `id` node, to point duplicates at it
  };
  std::unordered_map<std::string, entry> first;
  std::unordered_set<std::string> invalid;
  // lower-case id -> first id, for "did you mean" suggestions; built only
  // when a reference is unknown.
  std::unordered_map<std::string, std::string> folded;
  bool folded_built = false;
  const std::string* suggestion(const std::string& id) {
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
};

// A reference to check once every id is known.
struct reference {
  std::uint32_t node;
  space_kind target;
  space_kind referrer;
  std::uint32_t referrer_index;
  std::string id;
};

class checker {
 public:
  checker(const document& doc, std::vector<pending>& diags) : doc_(doc), diags_(diags) {}

  model run() {
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

 private:
  // -- reporting ------------------------------------------------------------
  void report(std::uint32_t node, std::string message) {
    diags_.push_back({2 * static_cast<std::uint64_t>(node), doc_.pointer(node), std::move(message)});
  }
  void report_missing(std::uint32_t object, std::string_view member, std::string message) {
    const std::uint32_t last = doc_.nodes[object].subtree_end - 1;
    diags_.push_back({2 * static_cast<std::uint64_t>(last) + 1, doc_.member_pointer(object, member), std::move(message)});
  }

  // -- walking --------------------------------------------------------------
  // Calls handle(key, value) for each member named in `known`; `x-` members
  // go to `extras`; other members are reported as unknown, and `null` values
  // of known members are reported here, once.
  template <class F>
  void members(std::uint32_t object, json_extras& extras, std::string_view what,
               std::initializer_list<std::string_view> known, F&& handle) {
    for (std::uint32_t c = doc_.nodes[object].first_child; c != none; c = doc_.nodes[c].next_sibling) {
      const std::string_view k = doc_.key(c);
      extras.order.emplace_back(k);
      if (k.size() >= 2 && k[0] == 'x' && k[1] == '-') {
        std::string text;
        doc_.compact(c, text);
        extras.x_members.emplace_back(std::string(k), std::move(text));
        report_nulls_in(c);
        continue;
      }
      if (std::find(known.begin(), known.end(), k) == known.end()) {
        report_unknown(c, k, what);
        continue;
      }
      if (doc_.nodes[c].type == jtype::null_value) {
        report(c, "null is not allowed (leave the member " + json_quoted(k) + " out instead)");
        continue;
      }
      handle(k, c);
    }
  }

  void report_unknown(std::uint32_t node, std::string_view k, std::string_view what) {
    report(node, "unknown member " + json_quoted(k) + " in " + std::string(what) +
                     " (check the spelling; names of members for other tools must start with x-)");
  }

  void report_nulls_in(std::uint32_t node) {
    const jnode& n = doc_.nodes[node];
    for (std::uint32_t i = node; i < n.subtree_end; ++i)
      if (doc_.nodes[i].type == jtype::null_value)
        report(i, "null is not allowed, not even in x- members (leave the value out)");
  }

  // Calls read(element) for each element of an array member.
  template <class F>
  void elements(std::uint32_t array, std::string_view member, std::string_view element, F&& read) {
    if (doc_.nodes[array].type != jtype::array) {
      report(array, json_quoted(member) + " must be an array of " + std::string(element) + "s ([{...}, ...]), not " +
                        type_phrase(doc_.nodes[array].type));
      return;
    }
    for (std::uint32_t c = doc_.nodes[array].first_child; c != none; c = doc_.nodes[c].next_sibling) {
      if (doc_.nodes[c].type != jtype::object) {
        report(c, "each " + std::string(element) + " must be a JSON object ({\"...\": ...}), not " +
                      type_phrase(doc_.nodes[c].type));
        continue;
      }
      read(c);
    }
  }

  // The number at `node` as written (integers print exactly).
  std::string number_text(std::uint32_t node) const {
    const jnode& n = doc_.nodes[node];
    if (n.type == jtype::integer) return std::to_string(n.integer);
    if (n.type == jtype::unsigned_integer) return std::to_string(n.unsigned_value);
    return std::string(doc_.str(node));
  }

  // -- values -----------------------------------------------------------------
  void type_error(std::uint32_t node, std::string_view member, std::string_view expected) {
    report(node, json_quoted(member) + " must be " + std::string(expected) + ", not " + type_phrase(doc_.nodes[node].type));
  }

  std::optional<std::string> get_string(std::uint32_t node, std::string_view member) {
    if (doc_.nodes[node].type != jtype::string) {
      type_error(node, member, "a string");
      return std::nullopt;
    }
    return std::string(doc_.str(node));
  }

  // A list of strings with repeated entries dropped (the spec allows and
  // ignores them), or nullopt after reporting.
  std::optional<std::vector<std::string>> get_string_list(std::uint32_t node, std::string_view member,
                                                           std::vector<std::uint32_t>* item_nodes = nullptr) {
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

  std::optional<std::int64_t> get_integer(std::uint32_t node, std::string_view member, std::int64_t minimum,
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

  std::optional<bool> get_bool(std::uint32_t node, std::string_view member) {
    if (doc_.nodes[node].type != jtype::boolean) {
      type_error(node, member, "true or false");
      return std::nullopt;
    }
    return doc_.nodes[node].boolean;
  }

  std::optional<duration_value> get_duration(std::uint32_t node, std::string_view member) {
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

  std::optional<cadence_value> get_cadence(std::uint32_t node, std::string_view member) {
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

  std::optional<rate_value> get_rate(std::uint32_t node, std::string_view member) {
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
  std::optional<std::string> get_id(std::uint32_t node, std::string_view member, id_space& space) {
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

  static std::string id_problem(std::string_view id) {
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
  void declare(space_kind kind, id_space& space, const std::string& id, std::uint32_t node, std::uint32_t index) {
    const auto [it, inserted] = space.first.emplace(id, id_space::entry{index, node});
    if (!inserted) {
      report(node, "duplicate " + std::string(space_name(kind)) + " id " + json_quoted(id) + " (the first is at " +
                       doc_.pointer(it->second.node) + "; ids must be unique among " + space_name(kind) +
                       "s: rename one of them)");
      return;
    }
  }

  void refer(std::uint32_t node, space_kind target, space_kind referrer, std::uint32_t index, std::string id) {
    refs_.push_back({node, target, referrer, index, std::move(id)});
  }

  // -- elements -------------------------------------------------------------
  void check_version(std::uint32_t v) {
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

  void read_unit(std::uint32_t obj) {
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

  void read_artifact(std::uint32_t obj) {
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
  struct endpoints {
    bool has_from = false, has_to = false;
    std::uint32_t to_node = none;
  };

  bool read_endpoint(std::string_view k, std::uint32_t v, std::string& from, std::string& to, endpoints& e,
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

  void finish_endpoints(std::uint32_t obj, const endpoints& e, const std::string& from, const std::string& to,
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

  void read_flow(std::uint32_t obj) {
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

  void read_handoff(std::uint32_t obj) {
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

  void read_need(std::uint32_t obj) {
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

  void read_symptom(std::uint32_t obj) {
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
  void read_accepted(std::uint32_t obj) {
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

  // -- after the walk -------------------------------------------------------
  // Generated ids `from->to#n`: n counts, in file order, every element of the
  // same array with the same from and to, explicit id or not.
  //
  // A generated id can never collide with an explicit id: explicit ids may
  // not contain '>' or '#' (id syntax), and every generated id contains both.
  // Nor can two generated ids collide: unit ids contain no '>', so the first
  // "->" splits `from` from `to` unambiguously, and n differs within a pair.
  template <class T>
  static void generate(std::vector<T>& items) {
    std::unordered_map<std::string, std::uint32_t> counts;
    counts.reserve(items.size());
    for (T& item : items) {
      std::string key = item.from;
      key += '\0';
      key += item.to;
      const std::uint32_t n = ++counts[key];
      if (item.id.empty()) {
        item.id = item.from + "->" + item.to + "#" + std::to_string(n);
        item.id_generated = true;
      }
    }
  }

  void generate_ids() {
    generate(m_.flows);
    generate(m_.handoffs);
  }

  static constexpr std::uint32_t need_flag = 0x80000000u;

  std::string referrer_name(space_kind kind, std::uint32_t index) const {
    if (index & need_flag) return need_labels_[index & ~need_flag];
    switch (kind) {
      case space_kind::unit: {
        const auto& id = m_.units[index].id;
        return id.empty() ? "the unit at /units/" + std::to_string(index) : "unit " + json_quoted(id);
      }
      case space_kind::artifact: {
        const auto& id = m_.artifacts[index].id;
        return id.empty() ? "the artifact at /artifacts/" + std::to_string(index) : "artifact " + json_quoted(id);
      }
      case space_kind::symptom: {
        const auto& id = m_.symptoms[index].id;
        return id.empty() ? "the symptom at /symptoms/" + std::to_string(index) : "symptom " + json_quoted(id);
      }
      case space_kind::flow: {
        const auto& f = m_.flows[index];
        return f.id_generated ? "flow " + f.id : "flow " + json_quoted(f.id);
      }
      case space_kind::handoff: {
        const auto& h = m_.handoffs[index];
        return h.id_generated ? "handoff " + h.id : "handoff " + json_quoted(h.id);
      }
    }
    return "an element";
  }

  id_space& space_of(space_kind k) {
    switch (k) {
      case space_kind::unit: return units_;
      case space_kind::artifact: return artifacts_;
      case space_kind::symptom: return symptoms_;
      case space_kind::flow: return flows_;
      case space_kind::handoff: return handoffs_;
    }
    return units_;
  }

  void resolve_references() {
    for (const reference& r : refs_) {
      id_space& space = space_of(r.target);
      if (space.first.count(r.id) || space.invalid.count(r.id)) continue;
      const std::string target = space_name(r.target);
      std::string msg;
      if (r.id == "*" && r.target == space_kind::artifact)
        msg = "\"*\" means everything only in a flow's \"carries\" (list the artifact ids here)";
      else {
        msg = referrer_name(r.referrer, r.referrer_index) + " refers to unknown " + target + " " + json_quoted(r.id);
        if (const std::string* similar = space.suggestion(r.id))
          msg += " (did you mean " + json_quoted(*similar) + "? ids are case-sensitive)";
        else
          msg += std::string(" (add ") + (r.target == space_kind::artifact ? "an " : "a ") + target +
                 " with this id, or correct the reference)";
      }
      report(r.node, std::move(msg));
    }
  }

  // Each unit has at most one group, so the group relation is a functional
  // graph: walking from every unit finds each cycle exactly once.
  void check_group_cycles() {
    const std::size_t n = m_.units.size();
    std::vector<std::uint32_t> next(n, none);
    for (std::size_t i = 0; i < n; ++i) {
      if (!m_.units[i].group) continue;
      const auto it = units_.first.find(*m_.units[i].group);
      if (it != units_.first.end()) next[i] = it->second.index;
    }
    std::vector<std::uint8_t> state(n, 0);  // 0 new, 1 on the current walk, 2 done
    std::vector<std::uint32_t> walk;
    for (std::size_t start = 0; start < n; ++start) {
      if (state[start]) continue;
      walk.clear();
      std::uint32_t u = static_cast<std::uint32_t>(start);
      while (u != none && state[u] == 0) {
        state[u] = 1;
        walk.push_back(u);
        u = next[u];
      }
      if (u != none && state[u] == 1) {
        // The cycle is the part of the walk from u on; name it from its
        // first unit in file order.
        const auto from = std::find(walk.begin(), walk.end(), u);
        const std::uint32_t first = *std::min_element(from, walk.end());
        std::string text = m_.units[first].id;
        std::uint32_t k = next[first];
        while (true) {
          text += " -> " + m_.units[k].id;
          if (k == first) break;
          k = next[k];
        }
        report(unit_nodes_[first].group, "groups form a cycle: " + text +
                                              " (a unit cannot be inside itself: remove one \"group\" of the cycle)");
      }
      for (std::uint32_t w : walk) state[w] = 2;
    }
  }

  struct unit_nodes {
    std::uint32_t object;
    std::uint32_t group;
  };

  const document& doc_;
  std::vector<pending>& diags_;
  model m_;
  id_space units_, artifacts_, symptoms_, flows_, handoffs_;
  std::vector<reference> refs_;
  std::vector<unit_nodes> unit_nodes_;
  std::vector<std::string> need_labels_;
  std::unordered_set<std::string> needs_seen_;
};

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, static_cast<int>(offset - line_start + 1)};
}

}  // namespace

load_result load_model(std::string_view json_text, std::string_view file_name) {
  load_result result;
  const std::string file(file_name);
  if (json_text.size() >= std::numeric_limits<std::uint32_t>::max() / 2) {
    result.diagnostics.push_back({file, "", 1, 1, "the file is too large to be a model (more than 2 GB)"});
    return result;
  }
  // UTF-16 (Windows "Unicode" text) is not JSON as orgflow reads it: say
  // which encoding it is rather than report its first byte as a syntax error.
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(json_text[i]); };
  if (json_text.size() >= 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF) ||
                                (byte(0) != 0 && byte(0) < 0x80 && byte(1) == 0) || (byte(0) == 0 && byte(1) != 0 && byte(1) < 0x80))) {
    result.diagnostics.push_back({file, "", 1, 1,
                                  "the file is encoded as UTF-16, not UTF-8 (save it as UTF-8: in most editors, "
                                  "\"Save as\" with the encoding UTF-8)"});
    return result;
  }
  document doc;
  doc.nodes.reserve(json_text.size() / 12 + 16);
  doc.arena.reserve(json_text.size() / 2 + 16);
  std::vector<pending> found;
  builder b(doc, found, json_text);
  nlohmann::json::sax_parse(json_text.begin(), json_text.end(), &b);

  std::optional<model> m;
  if (!b.syntax && !b.aborted) {
    checker c(doc, found);
    m = c.run();
  }
  std::stable_sort(found.begin(), found.end(), [](const pending& a, const pending& b) { return a.pos < b.pos; });
  for (auto& p : found) result.diagnostics.push_back({file, std::move(p.pointer), 0, 0, std::move(p.message)});
  if (b.syntax) {
    const auto [line, column] = line_column(json_text, b.syntax->offset);
    result.diagnostics.push_back({file, "", line, column, std::move(b.syntax->message)});
  }
  // Every message is printable UTF-8, whatever the input held (pointers
  // carry member names as written).
  for (auto& d : result.diagnostics) {
    d.message = printable(d.message);
    d.pointer = echoed(d.pointer, 200);
  }
  if (result.diagnostics.empty()) result.value = std::move(m);
  return result;
}

}  // namespace orgflow
