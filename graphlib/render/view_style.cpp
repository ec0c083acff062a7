// Colours, shapes and label helpers shared by the views (see view_style.hpp).
#include "render/view_style.hpp"

#include <cmath>

#include "orgflow/number.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/text.hpp"

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
  return human_percent(share);
}

std::string rate_text(const rate_value& r) { return r.text.empty() ? format_rate(r) : r.text; }

}  // namespace orgflow::render_detail
