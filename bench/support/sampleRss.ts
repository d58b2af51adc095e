import { readFile } from 'node:fs/promises';

/** This process's peak RSS, sampled every 50 ms until stop() (in MB). */
export function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  return { stop: () => { clearInterval(timer); return Math.round(peak / 1024 / 1024); } };
}

/** VmHWM of the whole process (start-up included), in MB. */
export async function vmHwmMb(): Promise<number | string> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : 'n/a';
}
