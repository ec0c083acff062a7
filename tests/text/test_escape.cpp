// The text toolkit's one UTF-8 decoder and its escapers (text/escape.hpp):
// the decoder against an independent definition of well-formed UTF-8 (a
// sequence is valid exactly when it is the shortest encoding of a scalar
// value), and the two JSON rules side by side.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <string>
#include <vector>

#include "orgflow/text.hpp"
#include "text/escape.hpp"

using namespace orgflow;
using text_detail::decode_utf8;

namespace {

// The reference: at s[i], the shortest encoding of some scalar value, found
// by encoding every candidate length's decoded value again with append_utf8.
std::size_t reference_length(const std::string& s, std::size_t i) {
  for (std::size_t n = 1; n <= 4 && i + n <= s.size(); ++n) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = n == 1 ? b0 : b0 & (0x7Fu >> n);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
    std::string again;
    append_utf8(again, cp);
    if (again == s.substr(i, n)) return n;
  }
  return 0;
}

}  // namespace

TEST_CASE("decode_utf8 reads code points and rejects every ill-formed sequence", "[text][utf8]") {
  CHECK(decode_utf8("A", 0).code_point == 'A');
  CHECK(decode_utf8("\xC3\xA9", 0).length == 2);
  CHECK(decode_utf8("\xC3\xA9", 0).code_point == 0xE9);
  CHECK(decode_utf8("\xE2\x80\xA8", 0).code_point == 0x2028);
  CHECK(decode_utf8("\xF4\x8F\xBF\xBF", 0).code_point == 0x10FFFF);
  CHECK(decode_utf8("\xC0\xAF", 0).length == 0);          // overlong '/'
  CHECK(decode_utf8("\xE0\x9F\xBF", 0).length == 0);      // overlong
  CHECK(decode_utf8("\xED\xA0\x80", 0).length == 0);      // surrogate
  CHECK(decode_utf8("\xF4\x90\x80\x80", 0).length == 0);  // above U+10FFFF
  CHECK(decode_utf8("\xE2\x80", 0).length == 0);          // truncated
  CHECK(decode_utf8("\x80", 0).length == 0);              // stray continuation
}

TEST_CASE("decode_utf8 agrees with the shortest-encoding definition on any bytes", "[text][utf8][property]") {
  rc::prop("lengths agree", [](const std::vector<unsigned char>& raw) {
    const std::string s(raw.begin(), raw.end());
    for (std::size_t i = 0; i < s.size(); ++i) RC_ASSERT(decode_utf8(s, i).length == reference_length(s, i));
  });
  rc::prop("lengths agree on text near the boundaries", [](const std::vector<std::uint32_t>& cps) {
    std::string s;
    for (std::uint32_t cp : cps) {
      const std::uint32_t near[] = {0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF};
      append_utf8(s, near[cp % 9]);
      if (cp % 7 == 0) s += static_cast<char>(0x80 | (cp % 64));  // a stray continuation byte
    }
    for (std::size_t i = 0; i < s.size(); ++i) RC_ASSERT(decode_utf8(s, i).length == reference_length(s, i));
  });
}

TEST_CASE("the reports' JSON and the model file's JSON differ only where documented", "[text][json]") {
  using text_detail::append_model_json_string;
  using text_detail::json_string;
  const auto model = [](std::string_view s) {
    std::string out;
    append_model_json_string(out, s);
    return out;
  };
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(model("plain") == "\"plain\"");
  CHECK(json_string("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
  CHECK(model("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
  // U+2028 is escaped for scripts in reports, kept raw in the model file.
  CHECK(json_string("\xE2\x80\xA8") == "\"\\u2028\"");
  CHECK(model("\xE2\x80\xA8") == "\"\xE2\x80\xA8\"");
  // A byte that is not UTF-8 becomes U+FFFD: escaped, or written raw.
  CHECK(json_string("x\xFFy") == "\"x\\ufffdy\"");
  CHECK(model("x\xFFy") == "\"x\xEF\xBF\xBDy\"");
  CHECK(json_string("") == "\"\"");
}

TEST_CASE("utf8_boundary_at_or_before never splits a character", "[text][utf8]") {
  const std::string s = "ab\xE2\x80\xA6" "cd";  // a, b, …, c, d
  CHECK(text_detail::utf8_boundary_at_or_before(s, 3) == 2);
  CHECK(text_detail::utf8_boundary_at_or_before(s, 4) == 2);
  CHECK(text_detail::utf8_boundary_at_or_before(s, 5) == 5);
  CHECK(text_detail::utf8_boundary_at_or_before(s, 99) == 99);
}
