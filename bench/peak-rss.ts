import { readFileSync } from 'node:fs';

/**
 * This process's peak RSS in MiB: VmHWM of /proc/self/status where there is one. Linux carries
 * getrusage's ru_maxrss across fork + exec, so `process.resourceUsage().maxRSS` of a child started by
 * a bigger parent reports the parent's peak (the emulator bench's cold handlers all read its runner's
 * 78.9 MiB). Elsewhere, resourceUsage's figure.
 */
export function peakRssMiB(): number {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib) return Number(kib) / 1024;
  } catch {
    // no /proc: not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
