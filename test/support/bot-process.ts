/**
 * The real bot as a child process against a Bot API server (the fake one, in tests and `npm run
 * load`): either the compiled production entry (`node dist/bot/main.js`, what `npm start` and the
 * systemd unit run) or the TypeScript source through tsx (development). Either way the process
 * receives signals itself, so its exit code is the bot's own, and it gets its own process group so
 * that `kill()` removes everything it started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface BotProcess {
  proc: ChildProcess;
  /** Everything the process wrote (logs go to stderr). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL the process group (cleanup after a test). */
  kill: () => void;
}

export interface BotProcessOptions {
  apiRoot: string;
  token: string;
  dataDir: string;
  indexDir: string;
  /** Run dist/bot/main.js (call buildBot() first) rather than the sources under tsx. */
  compiled?: boolean;
  env?: Record<string, string>;
}

/**
 * `npm run build`: compile src/ into dist/. Type errors are `npm run typecheck`'s business: tsc still
 * writes the JavaScript, which is what runs here.
 */
export function buildBot(): void {
  spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
  spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/copy-assets.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(ROOT, 'dist/bot/main.js'))) throw new Error('npm run build wrote no dist/bot/main.js');
}

export function startBotProcess(opts: BotProcessOptions): BotProcess {
  const [command, args] = opts.compiled
    ? [process.execPath, ['dist/bot/main.js']]
    : [join(ROOT, 'node_modules/.bin/tsx'), ['src/bot/main.ts']];
  const proc = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TELEGRAM_BOT_TOKEN: opts.token,
      TELEGRAM_API_ROOT: opts.apiRoot,
      DATA_DIR: opts.dataDir,
      INDEX_DIR: opts.indexDir,
      EMBEDDING_MODEL: 'none',
      BILINGUAL_DICTIONARY: 'none',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    proc.once('exit', (code, signal) => done({ code, signal })),
  );
  return {
    proc,
    output: () => output,
    exited,
    kill: () => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}
