// Stage 1 of load_model() (load.cpp): JSON text -> `document`, a flat tree of
// our own, plus the problems found while building it. Private to
// graphlib/model; the checker (load_checker.hpp) reads the tree.
//
// nlohmann/json's SAX parser feeds the tree: nodes in pre-order, strings in
// one arena. Going through SAX rather than nlohmann's DOM is what lets us see
// a member repeated within one object (the DOM silently keeps the last one),
// keep the order of members, keep the text of numbers in `x-` members, and
// report syntax errors at line:column. The flat tree costs no allocation per
// node. No nlohmann header is included here: the SAX builder lives in
// load_document.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orgflow::load_detail {

inline constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
// Nesting deeper than this is rejected (the format needs 4 levels; the limit
// keeps our recursive helpers far from the stack's end on hostile input).
inline constexpr std::size_t max_depth = 256;

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

  static void append_escaped_segment(std::string& out, std::string_view key);

  // The JSON pointer of node i (RFC 6901), and of a member of an object.
  std::string pointer(std::uint32_t i) const;
  std::string member_pointer(std::uint32_t object, std::string_view member) const;

  // Compact JSON of a subtree, numbers as written (x- members are written
  // back unchanged).
  void compact(std::uint32_t i, std::string& out) const;
};

// A value echoed in a message: shortened (a 100,000-digit number is not
// printed whole) and escaped as JSON, so it is printable UTF-8.
std::string json_quoted(std::string_view s);

struct syntax_problem {
  std::size_t offset = 0;  // byte offset of the offending character
  std::string message;
};

// What stage 1 hands to stage 2. On a syntax error or a nesting beyond
// max_depth the tree is incomplete: the checker must not run.
struct parsed_document {
  document doc;
  std::vector<pending> diagnostics;     // repeated members, too deep nesting
  std::optional<syntax_problem> syntax;  // the first syntax error, if any
  bool aborted = false;                  // stopped at max_depth
};

// Parses `text` (any bytes) into a document. Linear in the size of the
// text; empty text gives a syntax problem ("the file is empty").
parsed_document parse_document(std::string_view text);

}  // namespace orgflow::load_detail
