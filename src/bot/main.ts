/**
 * `npm start`: configuration → logger → archive (incrementally re-indexed: cheap when nothing
 * changed) → bot, on long polling or, when WEBHOOK_URL is set, a webhook server.
 *
 * SIGTERM / SIGINT stop it gracefully within a few seconds: stop fetching updates, abandon a running
 * re-index or upload (its worker thread is stopped; every file it committed stays), let in-flight
 * handlers finish, close the archive, exit 0.
 *
 * The token never reaches the log: the configuration is never logged as a whole, and every
 * error is logged through describeError, which redacts it.
 */
import type { Server } from 'node:http';
import { config as loadEnv } from 'dotenv';
import type { Bot } from 'grammy';
import { ConfigError, type Config } from '../config.js';
import { loadBotConfig } from './bot-config.js';
import { createLogger, type Logger } from '../log.js';
import { openArchive, type Archive } from '../archive/archive.js';
import { withheldRemovals } from '../index/indexer.js';
import { createBot } from './bot.js';
import { setCommands } from './commands.js';
import type { BotContext } from './context.js';
import { describeError } from './redact.js';
import { TaskTracker } from './tasks.js';
import { ALLOWED_UPDATES, startWebhook } from './webhook.js';

/** Budgets for a graceful stop; together well under the 5 s a supervisor usually allows. */
const STOP_POLLING_MS = 1_500;
const DRAIN_MS = 2_500;
const HARD_EXIT_MS = 4_500;

function configOrExit(): Config {
  try {
    return loadBotConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  loadEnv({ quiet: true });
  const config = configOrExit();
  const token = config.telegram.token;
  const log: Logger = createLogger(config.logLevel);
  const startedAt = new Date();
  const tasks = new TaskTracker();
  const secrets = [token, config.telegram.webhook?.secret];

  let archive: Archive | undefined;
  let bot: Bot<BotContext> | undefined;
  let server: Server | undefined;
  let stopping = false;

  const shutdown = async (reason: string, code = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    setTimeout(() => {
      log.warn('graceful shutdown took too long; exiting');
      process.exit(1);
    }, HARD_EXIT_MS).unref();
    try {
      if (bot?.isRunning()) await withTimeout(bot.stop(), STOP_POLLING_MS);
      if (server) {
        server.close();
        server.closeIdleConnections();
      }
      await archive?.stopWriting();
      if (!(await tasks.idle(DRAIN_MS))) log.warn({ pending: tasks.size }, 'some work was still running at shutdown');
    } catch (err) {
      log.warn({ err: describeError(err, secrets) }, 'error while stopping');
    }
    try {
      archive?.close();
    } catch (err) {
      log.warn({ err: describeError(err, secrets) }, 'error while closing the archive');
    }
    log.info('stopped');
    process.exit(code);
  };

  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (err) => log.error({ err: describeError(err, secrets) }, 'unhandled rejection'));

  archive = await openArchive(config, log, { offThread: true });
  if (stopping) return;
  const started = Date.now();
  log.info({ dataDir: config.dataDir }, 'indexing the archive');
  // A stop during the first index abandons it; that is a clean exit, not a failed start.
  const report = await archive.index().catch((err: unknown) => {
    if (stopping) return null;
    throw err;
  });
  if (!report) return;
  log.info(
    {
      articles: report.articles,
      passages: report.passages,
      added: report.added,
      updated: report.updated,
      removed: report.removed,
      unchanged: report.unchanged,
      failed: report.failed.length,
      mode: report.mode,
      ms: Date.now() - started,
    },
    'archive indexed',
  );
  for (const f of report.failed.slice(0, 20)) log.warn({ file: f.file, reason: f.reason }, 'file not indexed');
  const notices = [...archive.notices, ...(report.withheld ? [withheldRemovals(report.withheld, config.dataDir)] : [])];
  if (report.withheld) log.error(notices.at(-1)!);
  if (stopping) return;

  bot = createBot({ config, archive, log, startedAt, tasks });
  // Network errors are retried without end (auto-retry), so say so when Telegram stays unreachable.
  const unreachable = setTimeout(
    () => log.warn('still waiting for the Telegram Bot API (getMe); check TELEGRAM_API_ROOT and the network'),
    10_000,
  );
  await bot.init().finally(() => clearTimeout(unreachable));
  // What an operator must act on goes to the admins too: they may never read the log.
  for (const admin of config.telegram.adminIds) {
    for (const notice of notices) {
      await bot.api.sendMessage(admin, `⚠️ sanad: ${notice}`).catch((err: unknown) => log.warn({ admin, err: describeError(err, secrets) }, 'could not tell an admin'));
    }
  }
  try {
    await setCommands(bot.api);
  } catch (err) {
    log.warn({ err: describeError(err, secrets) }, 'could not set the command menu');
  }
  if (stopping) return;

  if (config.telegram.webhook) {
    server = await startWebhook(bot, config.telegram.webhook, log, token);
    log.info({ username: bot.botInfo.username, mode: 'webhook' }, 'bot started');
    return;
  }
  bot
    .start({
      allowed_updates: [...ALLOWED_UPDATES],
      onStart: (me) => log.info({ username: me.username, mode: 'polling' }, 'bot started'),
    })
    .then(() => {
      if (!stopping) void shutdown('polling ended');
    })
    .catch((err: unknown) => {
      log.fatal({ err: describeError(err, secrets) }, 'polling failed');
      void shutdown('polling failed', 1);
    });
}

main().catch((err: unknown) => {
  process.stderr.write(`sanad bot failed to start: ${describeError(err, [process.env.TELEGRAM_BOT_TOKEN])}\n`);
  process.exit(1);
});
