// How model values sit in cells, both ways (docs/spreadsheets.md, "Cells"):
// lists as "a; b" or a JSON array, texts that are only double quotes (the
// empty text is `""`), and the conversion of a cell to the JSON value of a
// member of a given type, with the sentence that says why a cell does not
// fit. Shared by the model sheets and the analysis sheets. Private to
// graphlib/sheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "orgflow/model_schema.hpp"
#include "orgflow/sheet.hpp"

namespace orgflow::sheet_detail {

/// Items joined by "; ", or a JSON array (`[]`, `["a;b", "c"]`) when the
/// joined form would not read back as the same items: no items, an empty
/// item, an item with `;` or surrounding blanks, a first item that starts
/// with `[`.
std::string list_text(const std::vector<std::string>& items);

/// The cell text of a text value: itself, except that a text made only of
/// double quotes (the empty text too) gets two more (`""` is the empty text),
/// since an empty cell means "absent".
std::string text_for_cell(const std::string& s);
/// The inverse of text_for_cell.
std::string text_from_cell(const std::string& cell);

/// The JSON text of member value `cell` for a member of type `t`, or an
/// empty string with a sentence in *why (`"staff" must be a whole number,
/// not "four"`). `member` names the column in messages. An `x-` member
/// passes is_x = true (the cell holds JSON text). Precondition: the cell is
/// not empty.
std::string json_of_cell(const sheet_cell& cell, member_type t, bool is_x, std::string_view member, std::string* why);

}  // namespace orgflow::sheet_detail
