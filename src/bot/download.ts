/**
 * Downloading a file a user sent, from the Bot API's file endpoint. The size cap is enforced
 * while reading, so an oversized file (or a wrong file_size) never fills memory. Error messages
 * never contain the URL: it embeds the bot token.
 */

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    message: string,
    readonly reason: 'too_large' | 'failed',
    readonly size?: number,
  ) {
    super(message);
  }
}

export interface DownloadRequest {
  apiRoot: string;
  token: string;
  filePath: string;
  maxBytes: number;
  timeoutMs?: number;
}

export async function downloadFile(req: DownloadRequest): Promise<Buffer> {
  // The configured root may end in a slash (grammY gets it trimmed too, see bot.ts).
  const url = `${req.apiRoot.replace(/\/+$/, '')}/file/bot${req.token}/${req.filePath}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(req.timeoutMs ?? 30_000) });
  } catch (err) {
    throw new DownloadError(`download failed: ${err instanceof Error ? err.name : 'error'}`, 'failed');
  }
  if (!res.ok || res.body === null) {
    await res.body?.cancel().catch(() => {});
    throw new DownloadError(`download failed: HTTP ${res.status}`, 'failed');
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > req.maxBytes) {
    await res.body.cancel().catch(() => {});
    throw new DownloadError('file too large', 'too_large', declared);
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (err) {
      throw new DownloadError(`download failed: ${err instanceof Error ? err.name : 'error'}`, 'failed');
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > req.maxBytes) {
      await reader.cancel().catch(() => {});
      throw new DownloadError('file too large', 'too_large', size);
    }
    parts.push(chunk.value);
  }
  return Buffer.concat(parts);
}
