/**
 * Logistic regression by Newton's method with an L2 penalty: a dozen features and some hundred
 * thousand rows converge in a few iterations, deterministically, with no library to pin. The
 * penalty keeps weights finite where a feature separates the training rows perfectly.
 */

export interface Fit {
  weights: number[];
  bias: number;
  iterations: number;
}

/** Solve A x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Weights and bias maximising Σ log-likelihood − (l2 / 2)·|w|² over rows `x` (each of the same
 * length) with labels `y` (0 or 1), the penalty taken on each feature in units of its standard
 * deviation over the rows: a feature whose useful differences are hundredths (a cosine's lead) is
 * held back no more than one spanning 0..1. A feature constant over the rows weighs 0.
 */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], l2 = 1, maxIterations = 50): Fit {
  const d = x[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, k) => x.reduce((s, row) => s + row[k]!, 0) / Math.max(x.length, 1));
  const sd = mean.map((m, k) => Math.sqrt(x.reduce((s, row) => s + (row[k]! - m) ** 2, 0) / Math.max(x.length, 1)));
  const standard = x.map((row) => row.map((v, k) => (sd[k]! > 0 ? (v - mean[k]!) / sd[k]! : 0)));
  const fit = fitStandardised(standard, y, l2, maxIterations);
  const weights = fit.weights.map((w, k) => (sd[k]! > 0 ? w / sd[k]! : 0));
  return { weights, bias: fit.bias - weights.reduce((s, w, k) => s + w * mean[k]!, 0), iterations: fit.iterations };
}

function fitStandardised(x: readonly (readonly number[])[], y: readonly number[], l2: number, maxIterations: number): Fit {
  const d = (x[0]?.length ?? 0) + 1; // the last coordinate is the bias
  let beta = new Array<number>(d).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [...x[i]!, 1];
      let z = 0;
      for (let k = 0; k < d; k++) z += beta[k]! * row[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const w = p * (1 - p);
      for (let k = 0; k < d; k++) {
        grad[k]! += (y[i]! - p) * row[k]!;
        for (let l = k; l < d; l++) hess[k]![l]! += w * row[k]! * row[l]!;
      }
    }
    for (let k = 0; k < d; k++) {
      for (let l = 0; l < k; l++) hess[k]![l] = hess[l]![k]!;
      if (k < d - 1) {
        grad[k]! -= l2 * beta[k]!;
        hess[k]![k]! += l2;
      }
    }
    const step = solve(hess, grad);
    beta = beta.map((b, k) => b + step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return { weights: beta.slice(0, -1), bias: beta[d - 1]!, iterations };
}
