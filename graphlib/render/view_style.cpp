// Colours, shapes and label helpers shared by the views (see view_style.hpp).
#include "render/view_style.hpp"

#include <cmath>

#include "orgflow/number.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow::render_detail {

kind_style style_of(unit_kind k) {
  switch (k) {
    case unit_kind::department:
      return {"box", "rounded,filled", "#ffffff", "#334e68", text_colour, 1.4, "department"};
    case unit_kind::team:
      return {"box", "rounded,filled", "#f0f4f8", "#627d98", text_colour, 1.0, "team"};
    case unit_kind::role:
      return {"ellipse", "filled", "#ffffff", "#627d98", text_colour, 1.0, "role"};
    case unit_kind::system:
      return {"cylinder", "filled", "#e1ecf7", "#3e6c99", text_colour, 1.2, "IT system"};
    case unit_kind::external:
      return {"box", "rounded,filled,dashed", "#f2f2f2", "#8d8d8d", "#4a4a4a", 1.2, "outside party"};
  }
  return {"box", "rounded,filled", "#ffffff", "#334e68", text_colour, 1.4, "department"};
}

const char* cluster_fill(std::size_t depth) {
  static const char* fills[] = {"#f5f7fa", "#e9eef3", "#dde4eb", "#d2dae3"};
  return fills[depth < 3 ? depth : 3];
}

heat load_heat(double rho) {
  if (rho >= 1.5) return {"#a50f15", "#ffffff", "150% or more"};
  if (rho >= 1.25) return {"#de2d26", "#ffffff", "125-150%"};
  if (rho >= 1.0) return {"#fb6a4a", "#1f2933", "100-125%"};
  return {"#fcbba1", "#1f2933", "85-100%"};
}

const char* stale_colour(double share) {
  // Magenta to crimson: apart from the orange of handoffs and the plain red
  // of missing routes, darker as more of the time is spent outdated.
  if (share < 0) return "#7a0177";
  if (share >= 0.8) return "#91003f";
  if (share >= 0.5) return "#ce1256";
  return "#e7298a";
}

std::string percent(double share) {
  const double p = share * 100.0;
  if (p > 0 && p < 0.5) return "<1%";
  if (p < 100 && p >= 99.5) return "99%";
  return format_number(p, 0) + "%";
}

std::string rate_text(const rate_value& r) { return r.text.empty() ? format_rate(r) : r.text; }

std::string rate_label(const rate_value& r) {
  // As written when that reads well (`150/w`, `2.5/d`); imported rates such
  // as `0.00603556/d` are shown in a period that makes them readable.
  std::uint64_t one = 1;
  for (int k = 0; k < r.scale_digits && k < 19; ++k) one *= 10;
  if (r.scale_digits <= 2 && r.count >= one) return rate_text(r);
  return readable_rate(r.per_hour());
}

std::string readable_rate(double per_hour) {
  struct period { const char* word; double hours; };
  static const period periods[] = {{"h", 1}, {"d", 24}, {"w", 168}, {"mo", 720}};
  for (const period& p : periods) {
    const double n = per_hour * p.hours;
    if (n >= 1 || p.hours == 720) {
      if (n < 0.05) return "under 0.1/mo";
      return format_number(n, n >= 10 ? 0 : 1) + "/" + p.word;
    }
  }
  return "";
}

}  // namespace orgflow::render_detail
