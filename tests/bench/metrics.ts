/** One metric as one JSON line: what `npm run bench` prints. */
export function report(metric: string, value: number, unit: string, target?: { op: '>=' | '<='; value: number }, extra: Record<string, unknown> = {}): void {
  const rounded = Math.round(value * 100) / 100
  const meets = target ? (target.op === '>=' ? value >= target.value : value <= target.value) : undefined
  console.log(JSON.stringify({ metric, value: rounded, unit, ...(target ? { target: `${target.op} ${target.value}`, meets } : {}), ...extra }))
}

/** The p-th percentile (0–100) of a list of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? Number.NaN
}
