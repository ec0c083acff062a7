// Printable, short echoes of input in messages (see orgflow/message_text.hpp).
#include "orgflow/message_text.hpp"

#include <algorithm>

#include "text/escape.hpp"

namespace orgflow {

namespace {

void append_hex_byte(std::string& out, unsigned char c) {
  static const char hex[] = "0123456789ABCDEF";
  out += "\\x";
  out += hex[c >> 4];
  out += hex[c & 0xF];
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = text_detail::decode_utf8(s, i).length;
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else append_hex_byte(out, c);
      ++i;
      continue;
    }
    const std::size_t n = text_detail::decode_utf8(s, i).length;
    if (n == 0) {
      append_hex_byte(out, c);
      ++i;
      continue;
    }
    // C1 controls (U+0080..U+009F) act on some terminals as well.
    if (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
      append_hex_byte(out, static_cast<unsigned char>(s[i + 1]));
      i += 2;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string shortened(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  // Do not split a UTF-8 sequence: back up to the start of the character.
  const std::size_t cut = text_detail::utf8_boundary_at_or_before(s, max);
  std::string out(s.substr(0, cut));
  out += "\xE2\x80\xA6(";  // U+2026 HORIZONTAL ELLIPSIS
  out += std::to_string(s.size());
  out += " bytes)";
  return out;
}

std::string echoed(std::string_view s, std::size_t max) { return printable(shortened(s, max)); }

namespace {

// One pass of tidy_message: quoted values shortened (on their printable
// form, so that escapes count), everything printable, the whole capped.
std::string tidy_once(std::string_view message) {
  // Values that shortened() already cut (60 bytes and "…(N bytes)") stay.
  constexpr std::size_t longest_kept = max_echoed_bytes + 40;
  const auto tidy_value = [&](std::string_view v) {
    std::string p = printable(v);
    return p.size() <= longest_kept ? p : shortened(p);
  };
  std::string out;
  out.reserve(std::min(message.size(), max_message_bytes + 64));
  for (std::size_t i = 0; i < message.size();) {
    const std::size_t open = message.find('"', i);
    if (open == std::string_view::npos) {
      out += printable(message.substr(i));
      break;
    }
    out += printable(message.substr(i, open + 1 - i));
    const std::size_t close = message.find('"', open + 1);
    if (close == std::string_view::npos) {  // an unmatched quote: the rest is the value
      out += tidy_value(message.substr(open + 1));
      break;
    }
    out += tidy_value(message.substr(open + 1, close - open - 1));
    out += '"';
    i = close + 1;
  }
  if (out.size() > max_message_bytes) {
    out.resize(text_detail::utf8_boundary_at_or_before(out, max_message_bytes));
    out += "\xE2\x80\xA6";
  }
  return out;
}

}  // namespace

std::string tidy_message(std::string_view message) {
  // Each pass after the first only shortens, so this ends; it makes tidying
  // idempotent even where a cut splits a quoted value.
  std::string out = tidy_once(message);
  for (int pass = 0; pass < 16; ++pass) {
    std::string next = tidy_once(out);
    if (next == out) break;
    out = std::move(next);
  }
  return out;
}

}  // namespace orgflow
