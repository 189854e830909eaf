#pragma once
// Go's math.Pow (src/math/pow.go), re-implemented so that knsim's weighted-exponential window
// average is bit-identical with Knative's (pkg/autoscaler/aggregation/bucketing.go calls math.Pow
// for the smoothing coefficient and for the (1-m)^z skip of empty buckets).
//
// Go's Pow is not a correctly rounded pow like glibc's: it splits y = yi + yf (|yf| <= 0.5),
// computes x^yf = Exp(yf * Log(x)) and x^yi by repeated squaring of Frexp(x)'s mantissa with the
// binary exponent kept apart, and scales once with Ldexp at the end. Results can differ from
// std::pow by an ULP or more, and a ceil()/floor() over the average then decides a pod.
// Example: go_pow(1e-4, 1.0 / 6) = Exp(Log(1e-4) / 6) = 0.2154434690031884.

// Go's Exp and Log are not glibc's either. Exp is Go's amd64 version (exp_amd64.s, Shibata's
// method: x = k*ln2 + r, e^r = (e^(r/16))^16 by a Taylor series and four squarings) on its FMA path,
// taken on every x86-64 CPU with AVX and FMA (Haswell and later), which is where Knative runs. It
// differs from glibc's correctly rounded exp by an ULP for some arguments, which changes the
// smoothing coefficient for windows of 24, 25, 27, 31, 34 and 35 buckets. Go on an amd64 CPU
// without FMA, or on arm64, rounds differently in rare cases; knsim follows amd64 with FMA.
// Log is the FreeBSD e_log.c algorithm of Go's log.go (log_amd64.s computes the same formula).

namespace knsim::core::metrics {

// Go's math.Exp(x) on amd64 with FMA.
double go_exp(double x);
// Go's math.Log(x).
double go_log(double x);

// Go's math.Pow(x, y), including its special cases (y = 0, y = +-0.5, zeros, infinities, NaN).
double go_pow(double x, double y);

}  // namespace knsim::core::metrics
