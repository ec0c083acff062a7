// The words of a diagnosis for people, shared by `orgflow diagnose`'s text and
// Markdown and by the leadership report: the verdict line, the heading of each
// cause category, and what each unknown means and how to fill it. One place,
// so that the terminal and the report say the same thing. Internal to
// graphlib (report and document).
#pragma once

#include <array>
#include <string>

#include "orgflow/diagnosis.hpp"

namespace orgflow::report_detail {

/// The categories in the order the writers group causes (Gilbert's order:
/// information, feedback, resources before capacity and process).
inline constexpr std::array<cause_category, 5> cause_categories{
    cause_category::information, cause_category::feedback, cause_category::resources, cause_category::capacity,
    cause_category::process};

/// "Verdict: structural (2 causes to fix first, 1 minor cause)." The counts
/// are those of d.causes.
std::string verdict_line(const diagnosis& d);

/// The heading of a category for performer `p` (and the symptom's unit `u`
/// when a cause of the category is linked to it: `at_u`).
std::string category_heading(cause_category c, const std::string& p, const std::string& u, bool at_u);

/// The link is one of the three "at the symptom" links (needs, tools,
/// capacity at U).
bool at_symptom(cause_link l);

/// What an unknown of analyses.md means for the reader and what to add to
/// the model, for performer `p`; the unknown itself when it is not one of
/// the fixed phrases.
std::string unknown_advice(const std::string& unknown, const std::string& p);

}  // namespace orgflow::report_detail
