/** Runs `total` operations with `concurrency` workers; returns operations per second. */
export async function runConcurrently(total: number, concurrency: number, operation: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const index = next;
      next += 1;
      await operation(index);
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return total / seconds;
}
