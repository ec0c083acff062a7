// Echoes of input in messages (orgflow/message_text.hpp): printable UTF-8,
// shortened, and tidying twice changes nothing (docs/reliability.md).
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <string>

#include "orgflow/message_text.hpp"

using namespace orgflow;

namespace {
bool has_control(const std::string& s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  return false;
}
}  // namespace

TEST_CASE("printable writes invalid bytes and control characters as escapes", "[message]") {
  CHECK(printable("0.\xb9") == "0.\\xB9");
  CHECK(printable("a\x1b[31mb\n") == "a\\x1B[31mb\\n");
  CHECK(printable("caf\xc3\xa9 \xe2\x86\x92") == "caf\xc3\xa9 \xe2\x86\x92");  // UTF-8 kept
  CHECK(printable("\xc2\x9b") == "\\x9B");                                    // a C1 control
}

TEST_CASE("shortened keeps 60 bytes of a long value and says how long it was", "[message]") {
  const std::string digits(100000, '9');
  CHECK(shortened(digits) == std::string(60, '9') + "\xE2\x80\xA6(100000 bytes)");
  CHECK(shortened("short") == "short");
  // Never cuts a character in two: 59 ASCII bytes, then a 3-byte character.
  const std::string s = std::string(59, 'a') + "\xe2\x86\x92" + std::string(10, 'b');
  CHECK(shortened(s) == std::string(59, 'a') + "\xE2\x80\xA6(72 bytes)");
}

TEST_CASE("tidy_message shortens quoted values and is idempotent", "[message]") {
  const std::string m = "value \"" + std::string(500, 'x') + "\" is wrong";
  const std::string once = tidy_message(m);
  CHECK(once == "value \"" + std::string(60, 'x') + "\xE2\x80\xA6(500 bytes)\" is wrong");
  CHECK(tidy_message(once) == once);
}

TEST_CASE("Any bytes: printable and tidied messages are valid UTF-8 without control characters", "[message][prop]") {
  rc::prop("printable, tidy_message", [](const std::string& raw) {
    const std::string p = printable(raw);
    RC_ASSERT(is_valid_utf8(p));
    RC_ASSERT(!has_control(p));
    RC_ASSERT(printable(p) == p);
    const std::string t = tidy_message(raw);
    RC_ASSERT(is_valid_utf8(t));
    RC_ASSERT(!has_control(t));
    RC_ASSERT(t.size() <= max_message_bytes + 3);
    RC_ASSERT(tidy_message(t) == t);
  });
}
