// The expat wrapper behind xml_reader.hpp: encoding repair, the entity
// guards and the DOM builder. See the header for the rules; this file only
// says why each step is done the way it is.
#include "import/xml_reader.hpp"

// Debian builds expat with DTD support (the guards below exist only then)
// but expat.h declares them only when XML_DTD is defined by the includer.
#ifndef XML_DTD
#define XML_DTD 1
#endif
#include <expat.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>

#include "orgflow/text.hpp"
#include "text/escape.hpp"

namespace orgflow::xml {

const std::string* element::attr(std::string_view local_name, std::string_view ns_uri) const {
  for (const auto& a : attributes)
    if (a.local == local_name && a.ns == ns_uri) return &a.value;
  return nullptr;
}

namespace {

// Expat reports `URI SEP local` for names in a namespace. \x01 is not a legal
// XML character, so it can never be part of a URI (expat >= 2.4.5 rejects a
// URI that contains the separator, which would break on the IBM files if the
// separator were a space).
constexpr char ns_separator = '\x01';

// Deeper nesting than this is no BPMN file; the limit keeps the recursive
// walks of the importers far from the stack's end.
constexpr std::size_t max_depth = 1000;

// cp1252 code points of bytes 0x80..0x9F; the five undefined bytes map to the
// C1 control of the same value (as the WHATWG encoding standard does).
constexpr std::array<std::uint32_t, 32> cp1252_high = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::uint32_t cp1252_code_point(unsigned char b) {
  if (b >= 0x80 && b <= 0x9F) return cp1252_high[b - 0x80];
  return b;  // ASCII and Latin-1 coincide with Unicode
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The encoding named in the XML declaration, lower-cased; empty when there
// is none. Only the declaration at the very start (after a UTF-8 BOM) counts.
std::string declared_encoding(std::string_view bytes) {
  std::size_t pos = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  if (bytes.substr(pos, 5) != "<?xml") return {};
  const std::size_t end = bytes.find("?>", pos);
  if (end == std::string_view::npos || end > pos + 1024) return {};
  const std::string_view decl = bytes.substr(pos, end - pos);
  std::size_t k = decl.find("encoding");
  if (k == std::string_view::npos) return {};
  k += 8;
  while (k < decl.size() && (decl[k] == ' ' || decl[k] == '\t' || decl[k] == '\r' || decl[k] == '\n')) ++k;
  if (k >= decl.size() || decl[k] != '=') return {};
  ++k;
  while (k < decl.size() && (decl[k] == ' ' || decl[k] == '\t' || decl[k] == '\r' || decl[k] == '\n')) ++k;
  if (k >= decl.size() || (decl[k] != '"' && decl[k] != '\'')) return {};
  const char quote = decl[k++];
  const std::size_t close = decl.find(quote, k);
  if (close == std::string_view::npos) return {};
  return lower_ascii(decl.substr(k, close - k));
}

bool is_cp1252_name(const std::string& lower) {
  return lower == "windows-1252" || lower == "cp1252" || lower == "x-cp1252";
}

int XMLCALL unknown_encoding(void*, const XML_Char* name, XML_Encoding* info) {
  if (!is_cp1252_name(lower_ascii(name))) return XML_STATUS_ERROR;
  for (int b = 0; b < 256; ++b) info->map[b] = static_cast<int>(cp1252_code_point(static_cast<unsigned char>(b)));
  info->data = nullptr;
  info->convert = nullptr;
  info->release = nullptr;
  return XML_STATUS_OK;
}

// The 1-based line and byte column of the parser's current position in
// `input`. Expat counts columns in characters; orgflow's diagnostics count
// bytes (model-format.md, Errors), so the column is recomputed from the byte
// index.
std::pair<int, int> position(XML_Parser parser, std::string_view input) {
  const XML_Index index = XML_GetCurrentByteIndex(parser);
  if (index < 0 || static_cast<std::size_t>(index) > input.size())
    return {static_cast<int>(XML_GetCurrentLineNumber(parser)),
            static_cast<int>(XML_GetCurrentColumnNumber(parser)) + 1};
  const std::string_view before = input.substr(0, static_cast<std::size_t>(index));
  const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n');
  const std::size_t column = line_start == std::string_view::npos ? before.size() : before.size() - line_start - 1;
  return {line, static_cast<int>(column) + 1};
}

struct builder {
  XML_Parser parser = nullptr;
  std::string_view input;
  document doc;
  std::vector<std::size_t> stack;
  std::optional<parse_error> error;  // set by a handler that stopped the parser

  void stop(std::string message) {
    if (error) return;
    const auto [line, column] = position(parser, input);
    error = parse_error{line, column, std::move(message)};
    XML_StopParser(parser, XML_FALSE);
  }
};

void split_name(const XML_Char* raw, std::string& ns, std::string& local) {
  const std::string_view name(raw);
  const std::size_t sep = name.find(ns_separator);
  if (sep == std::string_view::npos) {
    ns.clear();
    local.assign(name);
  } else {
    ns.assign(name.substr(0, sep));
    local.assign(name.substr(sep + 1));
  }
}

void XMLCALL on_start(void* user, const XML_Char* name, const XML_Char** atts) {
  auto& b = *static_cast<builder*>(user);
  if (b.stack.size() >= max_depth) {
    b.stop("elements are nested more than " + std::to_string(max_depth) + " levels deep");
    return;
  }
  element e;
  split_name(name, e.ns, e.local);
  e.line = static_cast<int>(XML_GetCurrentLineNumber(b.parser));
  e.column = static_cast<int>(XML_GetCurrentColumnNumber(b.parser)) + 1;  // for messages only
  for (std::size_t i = 0; atts[i] != nullptr; i += 2) {
    attribute a;
    split_name(atts[i], a.ns, a.local);
    a.value = atts[i + 1];
    e.attributes.push_back(std::move(a));
  }
  const std::size_t index = b.doc.elements.size();
  if (!b.stack.empty()) {
    e.parent = b.stack.back();
    b.doc.elements[e.parent].children.push_back(index);
  }
  b.doc.elements.push_back(std::move(e));
  b.stack.push_back(index);
}

void XMLCALL on_end(void* user, const XML_Char*) {
  auto& b = *static_cast<builder*>(user);
  if (!b.stack.empty()) b.stack.pop_back();
}

void XMLCALL on_text(void* user, const XML_Char* s, int len) {
  auto& b = *static_cast<builder*>(user);
  if (!b.stack.empty()) b.doc.elements[b.stack.back()].text.append(s, static_cast<std::size_t>(len));
}

// Any entity declaration ends the parse: see the header for why.
void XMLCALL on_entity_decl(void* user, const XML_Char* entity_name, int, const XML_Char*, int,
                            const XML_Char*, const XML_Char* system_id, const XML_Char*, const XML_Char*) {
  auto& b = *static_cast<builder*>(user);
  std::string what = "the document declares the entity '" + std::string(entity_name) + "'";
  if (system_id) what += " from outside the file ('" + std::string(system_id) + "')";
  b.stop(what + ": entity declarations are not accepted (they can expand without bound or read other files); "
                "remove the DOCTYPE");
}

std::string explain(XML_Error code) {
  switch (code) {
    case XML_ERROR_NO_ELEMENTS:
      return "the file ends before the document is complete (is it truncated?)";
    case XML_ERROR_UNCLOSED_TOKEN:
    case XML_ERROR_PARTIAL_CHAR:
      return "the file ends inside a tag (is it truncated?)";
    case XML_ERROR_TAG_MISMATCH:
      return "a closing tag does not match the open element";
    case XML_ERROR_UNKNOWN_ENCODING:
      return "the declared encoding is not supported (use UTF-8)";
    default:
      return std::string("not well-formed XML: ") + XML_ErrorString(code);
  }
}

}  // namespace

std::string repair_utf8_as_cp1252(std::string_view bytes, repair_stats* stats) {
  std::string out;
  out.reserve(bytes.size() + 16);
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = text_detail::decode_utf8(bytes, i).length;
    if (n == 0) {
      const auto b = static_cast<unsigned char>(bytes[i]);
      if (stats) {
        if (stats->replaced == 0) {
          stats->first_line = line;
          stats->first_column = column;
          stats->first_byte = b;
        }
        ++stats->replaced;
      }
      append_utf8(out, cp1252_code_point(b));
      ++i;
      ++column;
      continue;
    }
    if (bytes[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    out.append(bytes.substr(i, n));
    i += n;
  }
  return out;
}

std::optional<parse_error> token_guard::after_parse(std::uint64_t fed) {
  // After a parse call returns, expat's current position is the start of
  // the token it could not finish (or the end of the input given).
  const XML_Index index = XML_GetCurrentByteIndex(parser_);
  const std::uint64_t consumed = index < 0 ? 0 : static_cast<std::uint64_t>(index);
  pending_ = fed > consumed ? static_cast<std::size_t>(fed - consumed) : 0;
  if (pending_ <= max_token_bytes) return std::nullopt;
  return parse_error{static_cast<int>(XML_GetCurrentLineNumber(parser_)),
                     static_cast<int>(XML_GetCurrentColumnNumber(parser_)) + 1,
                     "an XML tag, comment or processing instruction that starts here is longer than " +
                         std::to_string(max_token_bytes >> 20) +
                         " MiB: orgflow refuses tokens that large (an attribute value of megabytes is no name or id; "
                         "is the file damaged?)"};
}

// Long on purpose: expat's set-up, its callbacks (lambdas over one shared
// parser state) and its limits belong together.
parse_result parse(std::string_view bytes) {
  parse_result result;
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    result.error = parse_error{0, 0, "the file is empty"};
    return result;
  }
  // UTF-16 files (with a BOM) are left to expat; the repair is for files
  // that claim UTF-8, or claim nothing (which means UTF-8).
  const bool utf16 = bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
  const std::string encoding = declared_encoding(bytes);
  std::string repaired;
  std::string_view input = bytes;
  if (!utf16 && (encoding.empty() || encoding == "utf-8" || encoding == "utf8")) {
    repair_stats stats;
    repaired = repair_utf8_as_cp1252(bytes, &stats);
    if (stats.replaced > 0) {
      char hex[8];
      static const char digits[] = "0123456789ABCDEF";
      hex[0] = '0';
      hex[1] = 'x';
      hex[2] = digits[stats.first_byte >> 4];
      hex[3] = digits[stats.first_byte & 0xF];
      hex[4] = '\0';
      result.notes.push_back(std::to_string(stats.replaced) + (stats.replaced == 1 ? " byte" : " bytes") +
                             " not valid in UTF-8 read as cp1252 (first: " + hex + " at line " +
                             std::to_string(stats.first_line) + ", column " + std::to_string(stats.first_column) +
                             ")");
      input = repaired;
    }
  }

  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreateNS(nullptr, ns_separator),
                                                                       &XML_ParserFree);
  if (!parser) {
    result.error = parse_error{0, 0, "out of memory while creating the XML parser"};
    return result;
  }
  builder b;
  b.parser = parser.get();
  b.input = input;
  XML_SetUserData(parser.get(), &b);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetEntityDeclHandler(parser.get(), on_entity_decl);
  XML_SetUnknownEncodingHandler(parser.get(), unknown_encoding, nullptr);
  // Never read external DTD subsets or parameter entities (the default, made explicit).
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4)  // added in 2.4.0
  // Expat's own guard against amplification, tighter than its default of
  // 100x after 8 MiB: a BPMN file expands no entity at all.
  XML_SetBillionLaughsAttackProtectionMaximumAmplification(parser.get(), 10.0f);
  XML_SetBillionLaughsAttackProtectionActivationThreshold(parser.get(), 1024 * 1024);
#endif

  // Feed in pieces (XML_Parse takes an int length), guarded against huge
  // tokens (see the header).
  token_guard guard(parser.get(), std::size_t{1} << 20);
  std::size_t offset = 0;
  XML_Status status = XML_STATUS_OK;
  do {
    const std::size_t n = std::min(guard.next_chunk(), input.size() - offset);
    const bool last = offset + n == input.size();
    status = XML_Parse(parser.get(), input.data() + offset, static_cast<int>(n), last ? XML_TRUE : XML_FALSE);
    offset += n;
    if (status == XML_STATUS_OK && !last) {
      if (auto too_large = guard.after_parse(offset)) {
        // expat counts columns in characters; ours are bytes.
        const auto [line, column] = position(parser.get(), input);
        too_large->line = line;
        too_large->column = column;
        result.error = std::move(too_large);
        return result;
      }
    }
  } while (status == XML_STATUS_OK && offset < input.size());

  if (b.error) {
    result.error = std::move(b.error);
    return result;
  }
  if (status != XML_STATUS_OK) {
    const XML_Error code = XML_GetErrorCode(parser.get());
    const auto [line, column] = position(parser.get(), input);
    result.error = parse_error{line, column, explain(code)};
    return result;
  }
  if (b.doc.elements.empty()) {
    result.error = parse_error{0, 0, "the file holds no XML element"};
    return result;
  }
  result.doc = std::move(b.doc);
  return result;
}

}  // namespace orgflow::xml
