// The entry point of `orgflow people` (people.md). Its arguments,
// people_args, sit in commands.hpp beside import_csv_args, because both
// share the column options (table_args); main.cpp fills them and
// people.cpp runs the analysis. `report --interactions` reads person data
// the same way (read_people), so that both aggregate it exactly alike.
#pragma once

#include <optional>
#include <string>

#include "commands.hpp"
#include "orgflow/people_rank.hpp"

namespace orgflow::tool {

/// Person data read and analysed as `orgflow people` does, kept with its
/// ranking. What the readers skipped goes to standard error; a rejected
/// input prints its diagnostics and throws usage_error.
struct people_data {
  people_report report;
  people_findings findings;  // findings.report points into this object: do not copy it
  people_data() = default;
  people_data(const people_data&) = delete;
  people_data& operator=(const people_data&) = delete;
};
void read_people(const table_args& tables, std::int64_t min_group, bool reveal,
                 const std::optional<std::string>& betweenness, people_data& out);

}  // namespace orgflow::tool
