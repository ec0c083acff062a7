// Locale-independent, exactly rounded number printing (see orgflow/number.hpp).
//
// Rounding works on the exact decimal expansion of the double (std::to_chars
// in fixed notation with enough digits is exact for the digits it prints), so
// "half to even" means half of the binary value, as Python's round() does.
#include "orgflow/number.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace orgflow {

namespace {

// Exact fixed-notation digits of |x| with `extra` decimals beyond `decimals`,
// enough to decide the rounding: a double has at most 1074 significant
// fractional binary digits, but any tail beyond 40 decimals of the rounding
// position is only needed to break exact ties, which we detect by scanning the
// whole exact expansion.
std::string exact_fixed(double ax) {
  // 1100 decimals is enough to print any double exactly.
  static thread_local char buf[1500];
  auto r = std::to_chars(buf, buf + sizeof buf, ax, std::chars_format::fixed, 1100);
  return std::string(buf, r.ptr);
}

}  // namespace

std::string format_number(double x, int decimals) {
  if (!std::isfinite(x)) return "null";
  const bool negative = std::signbit(x);
  const std::string s = exact_fixed(std::fabs(x));
  const auto dot = s.find('.');
  std::string intpart = s.substr(0, dot);
  std::string frac = s.substr(dot + 1);
  std::string keep = frac.substr(0, static_cast<std::size_t>(decimals));
  const std::string rest = frac.substr(static_cast<std::size_t>(decimals));
  bool round_up = false;
  if (!rest.empty() && rest[0] > '5') round_up = true;
  else if (!rest.empty() && rest[0] == '5') {
    const bool more = rest.find_first_not_of('0', 1) != std::string::npos;
    if (more) round_up = true;
    else {
      const char last = keep.empty() ? intpart.back() : keep.back();
      round_up = ((last - '0') % 2) == 1;
    }
  }
  std::string digits = intpart + keep;
  if (round_up) {
    int i = static_cast<int>(digits.size()) - 1;
    while (i >= 0) {
      if (digits[static_cast<std::size_t>(i)] == '9') { digits[static_cast<std::size_t>(i)] = '0'; --i; }
      else { ++digits[static_cast<std::size_t>(i)]; break; }
    }
    if (i < 0) digits.insert(digits.begin(), '1');
  }
  const std::size_t int_len = digits.size() - keep.size();
  std::string ip = digits.substr(0, int_len);
  std::string fp = digits.substr(int_len);
  while (!fp.empty() && fp.back() == '0') fp.pop_back();
  std::size_t nz = ip.find_first_not_of('0');
  ip = nz == std::string::npos ? "0" : ip.substr(nz);
  std::string out = ip;
  if (!fp.empty()) out += "." + fp;
  if (negative && out != "0") out.insert(out.begin(), '-');
  return out;
}

std::string format_number(const std::optional<double>& x, int decimals) {
  return x ? format_number(*x, decimals) : std::string("null");
}

std::string format_hours(std::int64_t ms) {
  // Exact: integer part and remainder, then the remainder as a fraction of an
  // hour rounded half to even at 6 decimals (3600000 ms = 1 h, so 1 ms =
  // 0.000000277...: work in units of 1e-6 h = 3.6 ms using integers).
  const bool negative = ms < 0;
  const std::uint64_t a = negative ? static_cast<std::uint64_t>(-(ms + 1)) + 1 : static_cast<std::uint64_t>(ms);
  const std::uint64_t hour = 3600000;
  std::uint64_t whole = a / hour;
  std::uint64_t rem = a % hour;  // rem / 3600000 hours; micro-hours = rem * 1e6 / 3.6e6 = rem * 10 / 36
  std::uint64_t num = rem * 10;
  std::uint64_t micro = num / 36;
  std::uint64_t r = num % 36;
  if (r * 2 > 36 || (r * 2 == 36 && (micro % 2) == 1)) ++micro;
  if (micro == 1000000) { ++whole; micro = 0; }
  std::string out = std::to_string(whole);
  if (micro) {
    std::string f = std::to_string(micro);
    f.insert(f.begin(), 6 - f.size(), '0');
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  if (negative && out != "0") out.insert(out.begin(), '-');
  return out;
}

double round_half_even(double x, int decimals) {
  const std::string s = format_number(x, decimals);
  if (s == "null") return x;
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace orgflow
