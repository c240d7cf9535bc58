/** The q-quantile (0–1) of a list of numbers. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Prints the human lines, and with `--json` the figures as one JSON object on the last line. */
export function report(title: string, figures: Record<string, number | string | null>, notes: string[] = []): void {
  console.log(title);
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key}: ${value}`);
  for (const note of notes) console.log(`  ${note}`);
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
}
