/**
 * The process logger (pino). Logs go to stderr so stdout stays clean for CLI output: JSON lines
 * for the bot (machine-readable), or one short human line per event for the terminal.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

const LABELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/** Renders pino's JSON line as "sanad warning: message (key=value …)". */
const humanStderr: DestinationStream = {
  write(line: string) {
    const { level, msg, time: _time, ...rest } = JSON.parse(line) as Record<string, unknown> & { level: number; msg?: string };
    const extra = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' ');
    process.stderr.write(`sanad ${LABELS[level] ?? level}: ${msg ?? ''}${extra ? ` (${extra})` : ''}\n`);
  },
};

/** One logger per process; `human` for terminal use. */
export function createLogger(level: string, opts: { human?: boolean } = {}): Logger {
  return pino({ level, base: undefined }, opts.human ? humanStderr : pino.destination(2));
}
