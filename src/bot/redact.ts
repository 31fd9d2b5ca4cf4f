/**
 * Error descriptions safe to log. grammY's errors (and the fetch errors they wrap) can contain the
 * request URL, which embeds the bot token; everything logged about an error goes through here.
 */
import { GrammyError, HttpError } from 'grammy';

/** Anything shaped like a bot token, even one we were not told about. */
const TOKEN_SHAPE = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

export function redact(text: string, secrets: (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out.replace(TOKEN_SHAPE, '[redacted]');
}

/** One line describing an error and its causes, with secrets removed. */
export function describeError(err: unknown, secrets: (string | undefined)[] = []): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof GrammyError) {
      parts.push(`GrammyError in ${current.method}: ${current.error_code} ${current.description}`);
      break;
    }
    if (current instanceof Error) {
      parts.push(`${current.name}: ${current.message}`);
      current = current instanceof HttpError ? current.error : current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return redact(parts.join(' ← '), secrets);
}
