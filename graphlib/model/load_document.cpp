// Stage 1 of load_model(): the SAX builder that turns JSON text into a
// `document` (load_document.hpp), and the syntax messages: nlohmann's parse
// errors rewritten as sentences that say how to fix the input, placed where
// people look for the problem.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/escape.hpp"
#include "model/load_document.hpp"
#include "orgflow/message_text.hpp"

namespace orgflow::load_detail {

void document::append_escaped_segment(std::string& out, std::string_view key) {
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
}

std::string document::pointer(std::uint32_t i) const {
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

std::string document::member_pointer(std::uint32_t object, std::string_view member) const {
  std::string out = pointer(object);
  out += '/';
  append_escaped_segment(out, member);
  return out;
}

void document::compact(std::uint32_t i, std::string& out) const {
  const jnode& n = nodes[i];
  switch (n.type) {
    case jtype::null_value: out += "null"; break;
    case jtype::boolean: out += n.boolean ? "true" : "false"; break;
    case jtype::integer: out += std::to_string(n.integer); break;
    case jtype::unsigned_integer: out += std::to_string(n.unsigned_value); break;
    case jtype::floating: out += str(i); break;
    case jtype::string: text_detail::append_model_json_string(out, str(i)); break;
    case jtype::array:
    case jtype::object: {
      const bool obj = n.type == jtype::object;
      out += obj ? '{' : '[';
      for (std::uint32_t c = n.first_child; c != none; c = nodes[c].next_sibling) {
        if (c != n.first_child) out += ',';
        if (obj) {
          text_detail::append_model_json_string(out, key(c));
          out += ':';
        }
        compact(c, out);
      }
      out += obj ? '}' : ']';
      break;
    }
  }
}

std::string json_quoted(std::string_view s) {
  std::string out;
  text_detail::append_model_json_string(out, shortened(s));
  return out;
}

namespace {

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

}  // namespace

parsed_document parse_document(std::string_view text) {
  parsed_document out;
  out.doc.nodes.reserve(text.size() / 12 + 16);
  out.doc.arena.reserve(text.size() / 2 + 16);
  builder b(out.doc, out.diagnostics, text);
  nlohmann::json::sax_parse(text.begin(), text.end(), &b);
  out.syntax = std::move(b.syntax);
  out.aborted = b.aborted;
  return out;
}

}  // namespace orgflow::load_detail
