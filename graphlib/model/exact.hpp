// Exact integer helpers shared by the model layer's quantity code: a 128-bit
// unsigned type (a GCC/Clang extension, hence __extension__ under -Wpedantic),
// powers of ten and gcd. Private to graphlib/model.
#pragma once

#include <cstdint>

namespace orgflow::detail {

__extension__ typedef unsigned __int128 u128;

/// 10^k for 0 <= k <= 38.
inline u128 pow10_u128(int k) {
  u128 r = 1;
  for (int i = 0; i < k; ++i) r *= 10;
  return r;
}

inline u128 gcd_u128(u128 a, u128 b) {
  while (b != 0) {
    const u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

}  // namespace orgflow::detail
