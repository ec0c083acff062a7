// JSON text of the small values every orgflow JSON writer prints: string
// arrays, optional strings, hours, and finding metrics. Numbers go through
// orgflow/number.hpp (never nlohmann), strings through json_string. Internal
// to graphlib/report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "orgflow/analysis.hpp"

namespace orgflow::report_detail {

std::string json_string_array(const std::vector<std::string>& v);
std::string json_opt_string(const std::optional<std::string>& s);
std::string json_hours(const std::optional<millis>& ms);
std::string json_bool(bool b);
/// A metric value: null, true/false, an integer, a number (6 decimals), hours
/// for hours_value, a string, or arrays of them.
std::string json_metric(const metric_value& v);
/// `{"key": value, ...}` of a finding's metrics, in their order, on one line.
std::string json_metrics_object(const std::vector<std::pair<std::string, metric_value>>& metrics);

}  // namespace orgflow::report_detail
