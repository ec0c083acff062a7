// The text toolkit's decoder and escapers (see text/escape.hpp).
#include "text/escape.hpp"

#include "orgflow/text.hpp"

namespace orgflow::text_detail {

namespace {

const char hex_digits[] = "0123456789abcdef";

void append_u_escape(std::string& out, std::uint32_t cp) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex_digits[(cp >> shift) & 0xF];
}

// C0 controls, DEL and the C1 controls: never shown raw to a person.
bool is_control(std::uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// Fast paths: almost every name and sentence is printable ASCII, and a
// report can hold 100,000 findings.
template <typename Plain>
bool all_bytes(std::string_view s, Plain plain) {
  for (char ch : s)
    if (!plain(static_cast<unsigned char>(ch))) return false;
  return true;
}

bool printable_ascii(unsigned char c) { return c >= 0x20 && c < 0x7F; }

// The short escapes JSON has for control characters, or nullptr.
const char* json_short_escape(std::uint32_t cp) {
  switch (cp) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return nullptr;
  }
}

// The one JSON escaper; `script_safe` chooses the reports' rules over the
// model file's (see the header).
void append_json(std::string& out, std::string_view s, bool script_safe) {
  out += '"';
  if (all_bytes(s, [](unsigned char c) { return printable_ascii(c) && c != '"' && c != '\\'; })) {
    out.append(s.data(), s.size());
    out += '"';
    return;
  }
  for_each_code_point(s, [&](std::uint32_t cp, std::string_view raw, bool valid) {
    if (!valid) {
      if (script_safe) out += "\\ufffd";
      else append_utf8(out, 0xFFFD);
      return;
    }
    if (const char* e = json_short_escape(cp)) out += e;
    else if (cp < 0x20 || (script_safe && (cp == 0x2028 || cp == 0x2029))) append_u_escape(out, cp);
    else out.append(raw.data(), raw.size());
  });
  out += '"';
}

}  // namespace

utf8_char decode_utf8(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return {c, 1};
  std::size_t n = 0;
  std::uint32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1Fu; }
  else if (c == 0xE0) { n = 3; cp = c & 0x0Fu; lo = 0xA0; }        // no overlong form
  else if (c >= 0xE1 && c <= 0xEC) { n = 3; cp = c & 0x0Fu; }
  else if (c == 0xED) { n = 3; cp = c & 0x0Fu; hi = 0x9F; }        // no surrogate
  else if (c >= 0xEE && c <= 0xEF) { n = 3; cp = c & 0x0Fu; }
  else if (c == 0xF0) { n = 4; cp = c & 0x07u; lo = 0x90; }        // no overlong form
  else if (c >= 0xF1 && c <= 0xF3) { n = 4; cp = c & 0x07u; }
  else if (c == 0xF4) { n = 4; cp = c & 0x07u; hi = 0x8F; }        // nothing above U+10FFFF
  else return {};
  if (i + n > s.size() || b(1) < lo || b(1) > hi) return {};
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (b(k) & 0x3Fu);
  }
  return {cp, n};
}

std::size_t utf8_boundary_at_or_before(std::string_view s, std::size_t cut) {
  if (cut >= s.size()) return cut;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

void append_json_string(std::string& out, std::string_view s) { append_json(out, s, true); }

std::string json_string(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_json(out, s, true);
  return out;
}

void append_model_json_string(std::string& out, std::string_view s) { append_json(out, s, false); }

std::string terminal_text(std::string_view s) {
  if (all_bytes(s, printable_ascii)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](std::uint32_t cp, std::string_view raw, bool valid) {
    if (!valid) append_utf8(out, 0xFFFD);
    else if (is_control(cp) || cp == 0x2028 || cp == 0x2029) out += ' ';
    else out.append(raw.data(), raw.size());
  });
  return out;
}

std::string markdown_text(std::string_view s) {
  if (all_bytes(s, [](unsigned char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ' ' || c == ',' ||
               c == '.' || c == '-' || c == ':' || c == '(' || c == ')' || c == '\'' || c == '/';
      }))
    return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  for_each_code_point(s, [&](std::uint32_t cp, std::string_view raw, bool valid) {
    if (!valid) { append_utf8(out, 0xFFFD); return; }
    switch (cp) {
      case '<': out += "&lt;"; return;
      case '>': out += "&gt;"; return;
      case '&': out += "&amp;"; return;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '~': case '!':
        out += '\\';
        out += static_cast<char>(cp);
        return;
      default: break;
    }
    if (is_control(cp) || cp == 0x2028 || cp == 0x2029) out += ' ';
    else out.append(raw.data(), raw.size());
  });
  return out;
}

const char* xml_entity(std::uint32_t cp) {
  switch (cp) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return nullptr;
  }
}

std::string html_text(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for_each_code_point(s, [&](std::uint32_t cp, std::string_view raw, bool valid) {
    if (!valid) { append_utf8(out, 0xFFFD); return; }
    if (const char* e = xml_entity(cp)) {
      out += e;
      return;
    }
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      out += ' ';
      return;
    }
    if (is_control(cp)) return;
    out.append(raw.data(), raw.size());
  });
  return out;
}

std::size_t display_width(std::string_view s) {
  if (all_bytes(s, [](unsigned char c) { return c < 0x80; })) return s.size();
  std::size_t n = 0;
  for_each_code_point(s, [&](std::uint32_t, std::string_view, bool) { ++n; });
  return n;
}

}  // namespace orgflow::text_detail
