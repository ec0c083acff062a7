// What person-level data says, for leaders (issue 11, item 4): a picture of
// the units and the ties between their people, silos and brokers marked, and
// the ranked lists of the people the organization hangs on and of the pairs
// of units that talk through one person, each unit's share shown in one
// table. Shared by `orgflow people --format html` (a page of its own) and the
// people section of the leadership report. Persons are named only when the
// report does (`--reveal`). Internal to graphlib/document.
#pragma once

#include <string>

#include "orgflow/people_rank.hpp"
#include "orgflow/render.hpp"

namespace orgflow::document_detail {

/// A unit is drawn as a silo when at least three quarters of its ties stay
/// inside it (undirected E-I index at most this), or when it has no tie to
/// another unit.
inline constexpr double silo_ei = -0.5;
/// Rows of each ranked list shown before the rest are folded away.
inline constexpr std::size_t ranked_rows = 10;

/// The picture: units, ties between them, silos, brokers, key people and
/// single liaisons marked.
tie_picture people_picture(const people_findings& p);

/// The people section of an HTML page: headings at `level` (2: h2, h3 under
/// it), the picture inlined with its ids prefixed `people`.
std::string people_section_html(const people_findings& p, int level);

/// The people section of the Markdown report; the picture is the SVG file
/// `picture_file` beside it (none when empty).
std::string people_section_markdown(const people_findings& p, const std::string& picture_file);

}  // namespace orgflow::document_detail
