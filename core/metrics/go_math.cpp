// Written from the algorithms of Go's src/math/pow.go (func pow), src/math/exp_amd64.s (archExp,
// the FMA path) and src/math/log.go (func log); see go_math.hpp.
#include "core/metrics/go_math.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>

namespace knsim::core::metrics {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Go's isOddInt: y is an odd integer (|y| < 2^53).
bool is_odd_int(double y) {
  if (std::fabs(y) >= 9007199254740992.0) return false;  // 2^53: every such double is even
  double yi = 0;
  const double yf = std::modf(y, &yi);
  return yf == 0 && std::fmod(yi, 2.0) != 0;
}

// The special cases of Go's pow, in Go's order. Returns true and sets `out` when one applies.
bool special_case(double x, double y, double& out) {
  if (y == 0 || x == 1) { out = 1; return true; }
  if (y == 1) { out = x; return true; }
  if (std::isnan(x) || std::isnan(y)) { out = std::numeric_limits<double>::quiet_NaN(); return true; }
  if (x == 0) {
    if (y < 0) { out = (std::signbit(x) && is_odd_int(y)) ? -kInf : kInf; return true; }
    if (y > 0) { out = (std::signbit(x) && is_odd_int(y)) ? x : 0.0; return true; }
  }
  if (std::isinf(y)) {
    if (x == -1) out = 1;
    else if ((std::fabs(x) < 1) == (y > 0)) out = 0;
    else out = kInf;
    return true;
  }
  if (std::isinf(x)) {
    if (x < 0) { out = go_pow(1 / x, -y); return true; }  // Pow(-0, -y)
    if (y < 0) { out = 0; return true; }
    if (y > 0) { out = kInf; return true; }
  }
  if (y == 0.5) { out = std::sqrt(x); return true; }
  if (y == -0.5) { out = 1 / std::sqrt(x); return true; }
  return false;
}

}  // namespace

double go_exp(double x) {
  if (std::isnan(x) || x == kInf) return x;
  if (x == -kInf) return 0;
  if (x > 7.09782712893384e+02) return kInf;  // would overflow
  if (x < -7.5e2) return 0;  // k < -1075: underflows to 0 below (and keeps k an in-range int)
  // Split x = k*ln2 + r, ln2 in two parts (high part exact in 32 bits) so k*ln2 is subtracted with
  // little error; k is rounded to nearest as CVTSD2SL does.
  constexpr double kLog2e = 1.4426950408889634073599246810018920;
  constexpr double kLn2Hi = 0.69314718055966295651160180568695068359375;
  constexpr double kLn2Lo = 0.28235290563031577122588448175013436025525412068e-12;
  const int k = static_cast<int>(std::nearbyint(kLog2e * x));
  const double kd = k;
  double r = std::fma(-kLn2Hi, kd, x);
  r = std::fma(-kLn2Lo, kd, r);
  // e^r = (e^(r/16))^16: Taylor series of e^s - 1 for s = r/16 (Horner with FMA) ...
  const double s = r * 0.0625;
  constexpr double kC[] = {2.4801587301587301587e-5, 1.9841269841269841270e-4, 1.3888888888888888889e-3,
                           8.3333333333333333333e-3, 4.1666666666666666667e-2, 1.6666666666666666667e-1,
                           0.5, 1.0};
  double p = kC[0];
  for (std::size_t i = 1; i < std::size(kC); ++i) p = std::fma(p, s, kC[i]);
  double em1 = p * s;
  // ... then squared four times as u -> u * (u + 2), i.e. (1+u)^2 - 1, the last one plus 1.
  for (int i = 0; i < 3; ++i) em1 = em1 * (em1 + 2.0);
  double e = std::fma(em1, em1 + 2.0, 1.0);
  // Scale by 2^k, through a subnormal step when k + 1023 <= 0.
  int biased = k + 0x3FF;
  if (biased <= 0) {
    if (biased < -52) return 0;
    e *= std::ldexp(1.0, biased + 0x3FE - 0x3FF);
    biased = 1;
  }
  if (biased >= 0x7FF) return kInf;
  return e * std::ldexp(1.0, biased - 0x3FF);
}

double go_log(double x) {
  if (std::isnan(x) || x == kInf) return x;
  if (x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -kInf;
  // x = 2^k * (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)); log(1 + f) = f - hfsq + s*(hfsq + R),
  // s = f / (2 + f), R a minimax polynomial in s^2 (FreeBSD e_log.c, as Go's log.go).
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kL1 = 6.666666666666735130e-01, kL2 = 3.999999999940941908e-01;
  constexpr double kL3 = 2.857142874366239149e-01, kL4 = 2.222219843214978396e-01;
  constexpr double kL5 = 1.818357216161805012e-01, kL6 = 1.531383769920937332e-01;
  constexpr double kL7 = 1.479819860511658591e-01;
  int ki = 0;
  double f1 = std::frexp(x, &ki);
  if (f1 < 0.70710678118654752440 /* Sqrt2/2 */) {
    f1 *= 2;
    --ki;
  }
  const double f = f1 - 1;
  const double k = ki;
  const double s = f / (2 + f);
  const double s2 = s * s;
  const double s4 = s2 * s2;
  const double t1 = s2 * (kL1 + s4 * (kL3 + s4 * (kL5 + s4 * kL7)));
  const double t2 = s4 * (kL2 + s4 * (kL4 + s4 * kL6));
  const double big_r = t1 + t2;
  const double hfsq = 0.5 * f * f;
  return k * kLn2Hi - ((hfsq - (s * (hfsq + big_r) + k * kLn2Lo)) - f);
}

double go_pow(double x, double y) {
  double special = 0;
  if (special_case(x, y, special)) return special;

  double yi = 0;
  double yf = std::modf(std::fabs(y), &yi);
  if (yf != 0 && x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (yi >= 9223372036854775808.0) {  // 2^63: a huge even integer power over- or underflows
    if (x == -1) return 1;
    return ((std::fabs(x) < 1) == (y > 0)) ? 0.0 : kInf;
  }

  // Result = a1 * 2^ae, built up in two parts so the intermediate never over- or underflows.
  double a1 = 1.0;
  int ae = 0;
  if (yf != 0) {  // x^yf with yf in (-0.5, 0.5]
    if (yf > 0.5) {
      yf -= 1;
      yi += 1;
    }
    a1 = go_exp(yf * go_log(x));
  }
  // x^yi by repeated squaring over the bits of yi, mantissa x1 in [0.5, 1) and exponent xe apart.
  int xe = 0;
  double x1 = std::frexp(x, &xe);
  for (auto i = static_cast<std::int64_t>(yi); i != 0; i >>= 1) {
    if (xe < -(1 << 12) || (1 << 12) < xe) {
      ae += xe;  // catastrophic over/underflow: leave it to ldexp
      break;
    }
    if ((i & 1) == 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < .5) {
      x1 += x1;
      --xe;
    }
  }
  if (y < 0) {  // 1 / (a1 * 2^ae), inverted before scaling as Go does
    a1 = 1 / a1;
    ae = -ae;
  }
  return std::ldexp(a1, ae);
}

}  // namespace knsim::core::metrics
