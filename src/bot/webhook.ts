/**
 * Webhook mode: a plain node:http server feeding grammY's webhookCallback. Only POSTs to the
 * webhook URL's path are accepted, and Telegram must present the secret token (one is generated
 * per run when none is configured, since setWebhook is called on every start anyway).
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { webhookCallback, type Bot } from 'grammy';
import type { BotContext } from './context.js';
import type { Logger } from '../log.js';
import { describeError, redact } from './redact.js';

export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

export interface WebhookSettings {
  url: string;
  secret?: string;
  port: number;
}

export async function startWebhook(bot: Bot<BotContext>, settings: WebhookSettings, log: Logger, token?: string): Promise<Server> {
  const secret = settings.secret ?? randomBytes(24).toString('base64url');
  const path = new URL(settings.url).pathname;
  // Handlers are detached (middleware/concurrent.ts), so handleUpdate returns quickly.
  const handle = webhookCallback(bot, 'http', { secretToken: secret, onTimeout: 'return', timeoutMilliseconds: 9_000 });
  const server = createServer((req, res) => {
    const reqPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || reqPath !== path) {
      res.writeHead(req.method === 'GET' && reqPath === '/healthz' ? 200 : 404).end();
      return;
    }
    handle(req, res).catch((err: unknown) => {
      log.error({ err: describeError(err, [token, secret]) }, 'webhook request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await bot.api.setWebhook(settings.url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  log.info({ port: settings.port, path: redact(path, [token]) }, 'webhook server listening');
  return server;
}
