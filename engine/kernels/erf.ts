/**
 * erf in double precision, after W. J. Cody's CALERF (Math. Comp. 1969, and SPECFUN): rational
 * approximations on |x| ≤ 0.46875, on (0.46875, 4] (for erfc) and beyond 4 (asymptotic in 1/x²),
 * with a relative error near 1e-16. float32 callers store the double result, so it rounds once,
 * as PyTorch's CPU kernel does when it evaluates erf in double and casts.
 */

const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909, 1712.04761263407058, 2051.07837782607147,
  1230.33935479799725, 2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963, 4362.61909014324716, 3439.36767414372164,
  1230.33935480374942,
];
const P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
const Q = [2.56852019228982242, 1.87295284992346725, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

const ONE_OVER_SQRT_PI = 0.56418958354775628695;
/** Below this, x² underflows the small-argument polynomial's first term: erf(x) = 2x/√π to rounding. */
const X_SMALL = 1.11e-16;
/** Beyond this, erfc(x) underflows to zero in double precision. */
const X_BIG = 26.543;

/** e^(−y²) without the cancellation of squaring a rounded y: split y into y16 + rest, y16 a multiple of 1/16. */
function expMinusSquare(y: number): number {
  const y16 = Math.trunc(y * 16) / 16;
  const rest = (y - y16) * (y + y16);
  return Math.exp(-y16 * y16) * Math.exp(-rest);
}

/** erfc(y) for y > 0.46875 (the two outer ranges of Cody's fit). */
function erfcOfPositive(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    return ((num + C[7]) / (den + D[7])) * expMinusSquare(y);
  }
  if (y >= X_BIG) return 0;
  const z = 1 / (y * y);
  let num = P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]) * z;
    den = (den + Q[i]) * z;
  }
  const r = (z * (num + P[4])) / (den + Q[4]);
  return ((ONE_OVER_SQRT_PI - r) / y) * expMinusSquare(y);
}

/** The error function, accurate to about one unit in the last place of a double. */
export function erf(x: number): number {
  if (x !== x) return x;
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const z = y > X_SMALL ? y * y : 0;
    let num = A[4] * z;
    let den = z;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]) * z;
      den = (den + B[i]) * z;
    }
    return (x * (num + A[3])) / (den + B[3]);
  }
  const r = 0.5 - erfcOfPositive(y) + 0.5;
  return x < 0 ? -r : r;
}
