/**
 * Configuration, read once at start-up from the environment (and `.env` via dotenv) and validated
 * by a schema, so that a wrong value stops the program with one clear line instead of failing later.
 */
import { z } from 'zod';

/**
 * Telegram user ids have at most 52 significant bits (Bot API docs), so a valid one is a Number
 * exactly. The digits are compared as a BigInt first: Number would round a larger one (above 2^53)
 * silently, perhaps onto someone else's id.
 */
const MAX_USER_ID = 2n ** 52n - 1n;

const adminIds = z
  .string()
  .default('')
  .transform((raw, ctx) => {
    const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
    const bad = parts.filter((p) => !/^\d+$/.test(p) || BigInt(p) < 1n || BigInt(p) > MAX_USER_ID);
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `not a Telegram user id (a whole number from 1 to ${MAX_USER_ID}): ${bad.join(', ')}` });
      return z.NEVER;
    }
    return parts.map(Number);
  });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z.object({
  DATA_DIR: z.string().min(1).default('data'),
  INDEX_DIR: z.string().min(1).default('embeddings'),
  EMBEDDING_MODEL: z.string().min(1).default('Xenova/multilingual-e5-small'),
  MODEL_DIR: optionalString,
  // Where Debian's dict-freedict-eng-ara puts FreeDict's English–Arabic dictionary.
  BILINGUAL_DICTIONARY: z.string().min(1).default('/usr/share/dictd/freedict-eng-ara'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TELEGRAM_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^\d+:[\w-]{10,}$/.test(v), {
    message: 'looks wrong: expected the form 123456:ABC-DEF… given by @BotFather',
  }),
  TELEGRAM_API_ROOT: optionalString.pipe(z.url().optional()),
  ADMIN_IDS: adminIds,
  WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
    message: 'may only contain A-Z, a-z, 0-9, _ and - (1-256 characters)',
  }),
  WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
});

export interface Config {
  dataDir: string;
  indexDir: string;
  /** Hub id of the embedding model, or 'none' for lexical-only mode. */
  embeddingModel: string;
  /** A local folder holding the model (config.json, tokenizer.json, onnx/…); no download when set. */
  modelDir?: string;
  /** An English–Arabic dictionary (dictd base name) for English questions in lexical mode, or 'none'. */
  bilingualDictionary: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest file accepted by ingestion (uploads and files in DATA_DIR). */
  maxFileBytes: number;
  telegram: {
    token?: string;
    apiRoot?: string;
    adminIds: number[];
    webhook?: { url: string; secret?: string; port: number };
    ratePerMinute: number;
  };
}

/** Thrown for invalid configuration; its message is one line meant for the operator. */
export class ConfigError extends Error {}

/** Validate an environment (default: process.env) into a Config, or throw a one-line ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ConfigError(`invalid configuration: ${first.path.join('.') || 'env'} ${first.message}`);
  }
  const e = parsed.data;
  if (e.WEBHOOK_SECRET && !e.WEBHOOK_URL) {
    throw new ConfigError('invalid configuration: WEBHOOK_SECRET is set but WEBHOOK_URL is not');
  }
  return {
    dataDir: e.DATA_DIR,
    indexDir: e.INDEX_DIR,
    embeddingModel: e.EMBEDDING_MODEL,
    modelDir: e.MODEL_DIR,
    bilingualDictionary: e.BILINGUAL_DICTIONARY,
    logLevel: e.LOG_LEVEL,
    maxFileBytes: e.MAX_UPLOAD_BYTES,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      adminIds: e.ADMIN_IDS,
      webhook: e.WEBHOOK_URL ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, port: e.WEBHOOK_PORT } : undefined,
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
    },
  };
}
