// Writing DOT text by hand, safely (the text toolkit's DOT escaping, shared
// with every layer as "text/dot_text.hpp"; the render layer and the model's
// DOT export use it). Every name in a model is text, never
// markup: a unit called `<img src=x onerror=alert(1)>` or `"; rankdir=LR; "`
// must show as those characters and must never change the graph's syntax.
//
// Graphviz 2.42 makes this harder than it looks, so the rules live here, in
// one place (each checked against `dot` 2.42 by the tests in tests/render):
//  - cgraph's own writer (agwrite) prints a value that ends in a backslash as
//    `"x\"`, which no DOT reader can parse; so the views write DOT themselves.
//  - The DOT lexer reads `\"` as a quote and keeps `\\` as two characters.
//  - Labels and tooltips are "escString"s: `\N`, `\G`, `\n`, `\l` ... are
//    substituted even inside HTML-like labels (after entities are decoded), and
//    `\\` stands for one backslash. So every backslash of a name is doubled,
//    in HTML labels too; then no value ever ends in a lone backslash.
//  - Tooltips go through that substitution twice (2.42 expands a node's,
//    an edge's, a cluster's and the graph's tooltip once when it reads it and
//    once more when it writes the link), so there a backslash is written as
//    four: `\\\\G` shows as `\G`, while `\\G` would show the graph's name.
//  - The DOT lexer refuses a quoted string longer than 16,384 bytes ("longer
//    than 16384?"); DOT's `"..." + "..."` joins shorter pieces into one value,
//    so long values are written in pieces.
//  - HTML-like labels are XML: `&`, `<`, `>`, `"` become entities; control
//    characters (which XML forbids) and invalid UTF-8 become U+FFFD.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace orgflow::text_detail::dot {

/// `s` with every invalid UTF-8 sequence and every control character other
/// than newline replaced by U+FFFD; tabs become spaces.
std::string clean_text(std::string_view s);

/// Model text for the inside of an HTML-like label: cleaned, XML-escaped,
/// backslashes doubled, newlines as `<BR/>`.
std::string html_text(std::string_view s);

/// Model text as an escString value (a plain label, an attribute that
/// `import dot` reads back): cleaned, backslashes doubled, newlines as `\n`.
/// Pass the result to quoted().
std::string esc_text(std::string_view s);

/// Model text as a tooltip: cleaned, every backslash written as four (see
/// above), newlines as `\n`. Pass the result to quoted().
std::string esc_tooltip(std::string_view s);

/// Names longer than this many characters are shortened in labels (the
/// tooltip keeps the whole name).
inline constexpr std::size_t label_name_limit = 60;

/// `s` cleaned and, when it has more than `limit` code points, cut to
/// `limit - 1` of them (trailing spaces dropped) and an ellipsis.
std::string shorten(std::string_view s, std::size_t limit = label_name_limit);

/// A DOT double-quoted string of `value` (quotes escaped). `value` must not
/// hold a lone backslash before a quote or at its end: esc_text() output,
/// ids, numbers and colours never do; for anything else a lone trailing
/// backslash is doubled so the syntax can never break. Values longer than
/// quoted_piece bytes are written as pieces joined by `+`, split between
/// characters and never inside an escape.
std::string quoted(std::string_view value);
inline constexpr std::size_t quoted_piece = 8000;

/// An HTML-like label value: `<` + markup + `>`.
std::string html_label(std::string_view markup);

/// Splits a name into lines of at most about `width` characters (code
/// points), breaking at spaces, and inside words longer than the width; the
/// name's own newlines are kept. At most `max_lines` lines: the last of them
/// then ends with an ellipsis.
std::vector<std::string> wrap_words(std::string_view s, std::size_t width, std::size_t max_lines);

/// The lines of wrap_words(), each html_text()-escaped, joined by `<BR/>`.
std::string html_wrapped(std::string_view s, std::size_t width, std::size_t max_lines);

/// A name for a label: shorten()ed, then wrapped like html_wrapped().
std::string html_name(std::string_view s, std::size_t width, std::size_t max_lines);

/// Number of code points of valid UTF-8 text.
std::size_t text_width(std::string_view s);

}  // namespace orgflow::text_detail::dot
