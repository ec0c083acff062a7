// JSON text of small values shared by the JSON writers (see json_values.hpp).
#include "report/json_values.hpp"

#include <type_traits>
#include <variant>

#include "orgflow/number.hpp"
#include "report/writer_common.hpp"

namespace orgflow::report_detail {

std::string json_string_array(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    out += json_string(v[i]);
  }
  return out + "]";
}

std::string json_opt_string(const std::optional<std::string>& s) { return s ? json_string(*s) : "null"; }

std::string json_hours(const std::optional<millis>& ms) { return ms ? format_hours(*ms) : "null"; }

std::string json_bool(bool b) { return b ? "true" : "false"; }

std::string json_metric(const metric_value& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          return json_bool(x);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(x);
        } else if constexpr (std::is_same_v<T, double>) {
          return format_number(x);
        } else if constexpr (std::is_same_v<T, hours_value>) {
          return format_hours(x.ms);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return json_string(x);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          return json_string_array(x);
        } else if constexpr (std::is_same_v<T, std::vector<std::vector<std::string>>>) {
          std::string out = "[";
          for (std::size_t i = 0; i < x.size(); ++i) {
            if (i) out += ", ";
            out += json_string_array(x[i]);
          }
          return out + "]";
        } else {
          static_assert(std::is_same_v<T, std::vector<std::int64_t>>, "every metric_value alternative is written");
          std::string out = "[";
          for (std::size_t i = 0; i < x.size(); ++i) {
            if (i) out += ", ";
            out += std::to_string(x[i]);
          }
          return out + "]";
        }
      },
      v);
}

std::string json_metrics_object(const std::vector<std::pair<std::string, metric_value>>& metrics) {
  std::string out = "{";
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    if (i) out += ", ";
    out += json_string(metrics[i].first) + ": " + json_metric(metrics[i].second);
  }
  return out + "}";
}

}  // namespace orgflow::report_detail
