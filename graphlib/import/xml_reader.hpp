// A small, safe XML reader for the importers (BPMN; XES reads its own stream):
// expat with namespace processing builds a compact DOM in document order.
//
// Safety, because the files come from other people's tools:
//  - a DOCTYPE that declares any entity is rejected: BPMN needs none, and
//    entities are how "billion laughs" bombs and external entities
//    (`<!ENTITY x SYSTEM "file:///etc/passwd">`) work. Nothing is ever loaded
//    from outside the given bytes; expat's amplification guard is set as well
//    (defence in depth).
//  - names are matched by namespace URI and local name: expat reports each
//    name as `URI \x01 local`; \x01 cannot occur in XML text, so a namespace
//    URI with a space (IBM Process Designer) is accepted as it is.
//  - bytes that are not valid UTF-8 in a file that declares UTF-8 (or nothing)
//    are re-read as cp1252 and converted (GenMyModel writes a Latin-1 `ä` in
//    a UTF-8 file); a file that declares windows-1252 is decoded as such.
//    Each repair is reported as a note.
//  - tokens are bounded (docs/reliability.md): expat re-parses an unfinished
//    token from its start each time more input arrives, so one huge
//    attribute made the readers quadratic. A token (a start tag with its
//    attributes, a comment, a processing instruction) larger than
//    max_token_bytes is refused with its place, and while one is open the
//    input is fed in pieces as large as the token so far, so each byte is
//    parsed a bounded number of times. Text and CDATA are streamed by expat
//    and have no such limit.
// Malformed XML gives an error with 1-based line and byte column.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct XML_ParserStruct;  // expat's parser (XML_Parser), kept out of this header

namespace orgflow::xml {

/// The largest XML token accepted: 16 MiB (no BPMN model or event log needs
/// an attribute or a comment of more than a few kilobytes).
inline constexpr std::size_t max_token_bytes = std::size_t{16} << 20;

inline constexpr std::size_t no_parent = static_cast<std::size_t>(-1);

struct attribute {
  std::string ns;     // namespace URI; empty for unprefixed attributes
  std::string local;
  std::string value;
};

struct element {
  std::string ns;     // namespace URI; empty when the element has none
  std::string local;
  std::vector<attribute> attributes;
  std::vector<std::size_t> children;  // indices into document::elements, in order
  std::size_t parent = no_parent;
  std::string text;                   // character data directly inside (not of children)
  int line = 0;                       // 1-based position of the start tag
  int column = 0;

  /// The value of the attribute with this local name and namespace (empty
  /// namespace = unprefixed), or nullptr.
  const std::string* attr(std::string_view local_name, std::string_view ns_uri = {}) const;
  bool is(std::string_view ns_uri, std::string_view local_name) const {
    return ns == ns_uri && local == local_name;
  }
};

/// Elements in document order (pre-order); elements[0] is the root.
struct document {
  std::vector<element> elements;
};

struct parse_error {
  int line = 0;    // 1-based; 0 when the whole input is at fault
  int column = 0;  // 1-based, in bytes (as orgflow's other diagnostics)
  std::string message;
};

struct parse_result {
  std::optional<document> doc;       // set exactly when error is empty
  std::optional<parse_error> error;
  std::vector<std::string> notes;    // repairs made (encoding), for the summary
};

/// Parses a whole XML text. Never throws for bad input.
parse_result parse(std::string_view bytes);

/// Keeps a chunked expat parse linear and bounded: ask next_chunk() how many
/// bytes to feed next, feed them, and after each successful parse call pass
/// the total fed so far to after_parse(), which returns the error for a
/// token larger than max_token_bytes (with the place where it starts).
class token_guard {
 public:
  token_guard(XML_ParserStruct* parser, std::size_t base_chunk) : parser_(parser), base_(base_chunk) {}
  /// As large as the open token (so each re-parse at least doubles what it
  /// has seen), but never past max_token_bytes + 1 for that token, so that
  /// a token over the limit is seen before it is complete.
  std::size_t next_chunk() const {
    if (pending_ == 0) return base_;
    const std::size_t room = max_token_bytes + 1 > pending_ ? max_token_bytes + 1 - pending_ : 1;
    return std::min(std::max(base_, pending_), room);
  }
  std::optional<parse_error> after_parse(std::uint64_t fed);

 private:
  XML_ParserStruct* parser_;
  std::size_t base_;
  std::size_t pending_ = 0;  // bytes of the token expat holds unfinished
};

/// `bytes` with every byte sequence that is not valid UTF-8 replaced by the
/// UTF-8 of the cp1252 character of each of its bytes. Returns how many
/// bytes were replaced and where the first one was (1-based line, column).
struct repair_stats {
  std::size_t replaced = 0;
  int first_line = 0;
  int first_column = 0;
  unsigned char first_byte = 0;
};
std::string repair_utf8_as_cp1252(std::string_view bytes, repair_stats* stats);

}  // namespace orgflow::xml
