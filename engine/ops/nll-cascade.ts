/**
 * nll_loss's reduction as PyTorch's CPU kernel (aten/src/ATen/native/LossNLL.cpp,
 * `nll_loss_out_frame`) performs it: the running loss and weight sums are kept in the input's
 * dtype (float32 for float32 logits) in an 8-level cascade, level j flushing into level j + 1
 * every 2^(4(j+1)) targets, and the levels are added left to right at the end. Summing in double,
 * as before, gave a loss one float32 ulp away from PyTorch's now and then (makemore's printed
 * losses).
 */
const LEVELS = 8;

function ceilLog2(x: number): number {
  return x <= 2 ? 1 : Math.floor(Math.log2(x - 1)) + 1;
}

export interface NllSums {
  /** Σ −x[n, tₙ]·w[tₙ] over the targets not ignored, rounded as PyTorch rounds it. */
  readonly loss: number;
  /** Σ w[tₙ] (the count of targets not ignored when there are no weights). */
  readonly totalWeight: number;
}

/**
 * `picked[n]` is x[n, tₙ], `weights[n]` its class weight (null: no weight tensor), `ignored[n]`
 * whether tₙ == ignore_index; `round` is Math.fround for float32 and the identity for float64.
 */
export function nllCascadeSums(
  picked: readonly number[],
  weights: readonly number[] | null,
  ignored: readonly boolean[],
  round: (v: number) => number,
): NllSums {
  const batch = picked.length;
  const power = Math.max(4, Math.floor(ceilLog2(batch) / LEVELS));
  const mask = (1 << power) - 1;
  const loss = new Float64Array(LEVELS);
  const wsum = new Float64Array(LEVELS);
  let ignoredCount = 0;
  for (let b = 0; b < batch; b++) {
    if (ignored[b]) {
      ignoredCount++;
      continue;
    }
    if (weights) {
      loss[0] = round(loss[0]! - round(picked[b]! * weights[b]!));
      wsum[0] = round(wsum[0]! + weights[b]!);
    } else {
      loss[0] = round(loss[0]! - picked[b]!);
    }
    for (let j = 0; j + 1 < LEVELS; j++) {
      if ((Math.floor(b / 2 ** (j * power)) & mask) !== 0) break;
      wsum[j + 1] = round(wsum[j + 1]! + wsum[j]!);
      loss[j + 1] = round(loss[j + 1]! + loss[j]!);
      wsum[j] = 0;
      loss[j] = 0;
    }
  }
  let total = 0,
    weightTotal = 0;
  for (let j = 0; j < LEVELS; j++) {
    total = round(total + loss[j]!);
    weightTotal = round(weightTotal + wsum[j]!);
  }
  return { loss: total, totalWeight: weights ? weightTotal : batch - ignoredCount };
}
