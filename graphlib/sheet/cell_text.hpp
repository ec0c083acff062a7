// Small text helpers of the workbook layer: the shortest exact text of a
// number, whether a spreadsheet's 16 significant digits hold a number
// exactly, ASCII case folding for sheet and column names, the counting of
// characters and the lines of wrapped text. Private to graphlib/sheet.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace orgflow::sheet_detail {

/// The shortest text that reads back as the same double (std::to_chars:
/// locale-independent); integers below 2^53 print without a decimal part.
std::string number_text(double x);

/// True when a spreadsheet number (16 significant digits, as libxlsxwriter
/// writes them) reads back as exactly `x`.
bool fits_spreadsheet_digits(double x);

/// A decimal number as a person or a CSV file writes it (`12`, `-0.5`,
/// `1.5E+3`): the whole text, no blanks, finite. nullopt otherwise.
std::optional<double> parse_number(std::string_view text);

/// `s` with ASCII letters in lower case.
std::string lower_ascii(std::string_view s);
bool equal_ignoring_case(std::string_view a, std::string_view b);

/// Blanks (space, tab, CR, LF) trimmed from both ends.
std::string_view trim(std::string_view s);

/// `s` as a message quotes it: a JSON string, made printable (a control
/// character such as DEL, which JSON leaves as it is, written as `\x7F`).
std::string quoted(std::string_view s);

/// Number of characters (UTF-8 code points; invalid bytes count one each).
std::size_t character_count(std::string_view s);

/// How many lines `text` takes when wrapped in a column `width` characters
/// wide, breaking between words as spreadsheet programs do (a word longer
/// than a line is cut; a line break starts a line). An estimate, since fonts
/// are proportional; at least 1.
std::size_t wrapped_lines(std::string_view text, double width);

}  // namespace orgflow::sheet_detail
