// Text that goes into messages for people (diagnostics, summaries): values
// echoed from the input are shortened and made printable, so that a message
// is never a megabyte long and never carries a byte that is not UTF-8 or a
// control character that a terminal would act on (docs/reliability.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace orgflow {

/// The longest part of a value echoed in a message, in bytes.
inline constexpr std::size_t max_echoed_bytes = 60;

/// `s` safe to print: valid UTF-8 kept as it is; a byte that is not part of
/// valid UTF-8 written as `\xB9`; control characters (other than none) as
/// `\n`, `\r`, `\t` or `\x1B`. Idempotent on its own output. O(length);
/// empty in, empty out.
std::string printable(std::string_view s);

/// `s` shortened for echoing: when longer than `max` bytes, its first bytes
/// (cut at a character boundary), then `…` and the full length, as in
/// `1234567890…(100000 bytes)`. Shorter values are returned unchanged.
/// O(min(length, max)); empty in, empty out.
std::string shortened(std::string_view s, std::size_t max = max_echoed_bytes);

/// printable(shortened(s, max)). O(min(length, max)); empty in, empty out.
std::string echoed(std::string_view s, std::size_t max = max_echoed_bytes);

/// The longest message tidy_message leaves whole, in bytes.
inline constexpr std::size_t max_message_bytes = 2000;

/// A whole message made safe after the fact, for messages built from input
/// by code that quoted values as they were: every double-quoted value longer
/// than max_echoed_bytes + 40 is shortened (so a value shortened before is
/// kept as it is: tidying is idempotent), the text made printable(), and a
/// message still longer than max_message_bytes cut there (with `…`).
/// O(length) per pass, repeated until nothing changes (at most 17 passes).
/// Empty in, empty out.
std::string tidy_message(std::string_view message);

/// True when `s` is valid UTF-8. O(length); true for an empty string.
bool is_valid_utf8(std::string_view s);

}  // namespace orgflow
