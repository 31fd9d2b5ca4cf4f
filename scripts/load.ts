/**
 * `npm run load`: the real bot process (compiled, as `npm start` runs it; lexical mode unless --model-dir, a temporary
 * copy of the seed archive) against the local fake Bot API on 127.0.0.1, with simulated users
 * asking the evaluation questions in private chats.
 *
 *   burst        every user sends all their questions at once
 *   closed loop  every user waits for the reply before asking the next question
 *
 * Bounded in count (--users × --questions) and time (--timeout seconds for each mode). Prints, per
 * mode: answered, errors (unanswered, apologies, replies to the wrong question, requests that broke a
 * Telegram rule), inject-to-reply latency p50/p95/max, throughput, and the bot's peak RSS (worker
 * thread included). Exits 1 when there was an error.
 *
 *   npm run load -- [--users 50] [--questions 20] [--mode burst|closed|both] [--timeout 180] [--no-build] [--json]
 *                   [--model-dir DIR]   hybrid mode on the model in DIR (npm run model:offline) instead of lexical
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tempArchive } from '../test/helpers.js';
import { ROOT, buildBot, startBotProcess, type BotProcess } from '../test/support/bot-process.js';
import { startFakeBotApi, type BotCall, type FakeBotApi, type FakeUser } from '../test/support/fake-bot-api.js';
import { parseHtml } from '../test/support/telegram-rules.js';
import { messages } from '../src/bot/i18n.js';
import { stripBidi } from '../src/bot/format.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '50' },
    questions: { type: 'string', default: '20' },
    mode: { type: 'string', default: 'both' },
    timeout: { type: 'string', default: '180' },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'model-dir': { type: 'string' },
  },
});
const MODEL_DIR = args['model-dir'];
const MODE_LABEL = MODEL_DIR ? 'hybrid mode' : 'lexical mode';
const USERS = Number(args.users);
const PER_USER = Number(args.questions);
const TIMEOUT_MS = Number(args.timeout) * 1000;
const modes = args.mode === 'both' ? ['burst', 'closed'] : [args.mode];
if (!(USERS > 0 && PER_USER > 0 && TIMEOUT_MS > 0) || modes.some((m) => m !== 'burst' && m !== 'closed')) {
  process.stderr.write('usage: npm run load -- [--users N] [--questions M] [--mode burst|closed|both] [--timeout S] [--no-build] [--json]\n');
  process.exit(2);
}

const QUESTIONS = ['questions.jsonl', 'holdout.jsonl'].flatMap((f) =>
  readFileSync(join(ROOT, 'test/eval', f), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { question: string }).question),
);
const APOLOGIES = new Set([messages.ar.apology, messages.en.apology]);
/** An English question where the archive cannot read English is answered by saying what it needs: a reply, not an error. */
const UNREAD = new Set([messages.ar.englishUnread, messages.en.englishUnread]);
const visible = (c: BotCall) => stripBidi(parseHtml(String(c.params.text ?? '')).text);

interface ModeResult {
  mode: string;
  asked: number;
  answered: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  perSecond: number;
  peakRssMb: number;
}

/** The bot's resident memory (main and worker threads), MB. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** User `u`'s `k`-th question: users start at different places in the list, so answers differ. */
const questionOf = (u: number, k: number) => QUESTIONS[(u * 7 + k) % QUESTIONS.length]!;

async function runMode(mode: string, api: FakeBotApi, bot: BotProcess, userBase: number): Promise<ModeResult> {
  const deadline = Date.now() + TIMEOUT_MS;
  const latencies: number[] = [];
  let errors = 0;
  let peakRss = rssMb(bot.proc.pid!);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(bot.proc.pid!))), 200);
  const rejectedBefore = api.rejected.length;
  const started = Date.now();

  const user = async (u: number): Promise<void> => {
    const who: FakeUser = { id: userBase + u, first_name: `User${u}`, language_code: 'ar' };
    const chat = { id: who.id, type: 'private' as const };
    const sentAt: number[] = [];
    const ask = (k: number) => {
      sentAt[k] = Date.now();
      api.sendText(who, chat, questionOf(u, k));
    };
    if (mode === 'burst') for (let k = 0; k < PER_USER; k++) ask(k);
    for (let k = 0; k < PER_USER; k++) {
      if (mode === 'closed') ask(k);
      let reply: BotCall;
      try {
        // A chat's replies come in the order of its questions (the bot keeps each chat in order).
        reply = await api.waitForCall((c) => c.method === 'sendMessage' && c.ok && Number(c.params.chat_id) === who.id, Math.max(1, deadline - Date.now()));
      } catch {
        errors += PER_USER - k; // unanswered within the time bound
        return;
      }
      latencies.push(reply.at - sentAt[k]!);
      const text = visible(reply);
      if (APOLOGIES.has(text) || !(text.includes(questionOf(u, k)) || UNREAD.has(text))) errors++;
    }
  };

  await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));
  clearInterval(sampler);
  const elapsed = (Date.now() - started) / 1000;
  errors += api.rejected.length - rejectedBefore;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    mode,
    asked: USERS * PER_USER,
    answered: latencies.length,
    errors,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1) ?? NaN,
    perSecond: latencies.length / elapsed,
    peakRssMb: Math.max(peakRss, rssMb(bot.proc.pid!)),
  };
}

async function main(): Promise<void> {
  if (!args['no-build']) buildBot();
  const api = await startFakeBotApi();
  const dirs = tempArchive();
  const bot = startBotProcess({
    apiRoot: api.apiRoot,
    token: api.token,
    dataDir: dirs.dataDir,
    indexDir: dirs.indexDir,
    compiled: true,
    env: {
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      ADMIN_IDS: '1',
      ...(MODEL_DIR ? { EMBEDDING_MODEL: 'e5', MODEL_DIR: resolve(MODEL_DIR) } : {}),
    },
  });
  const results: ModeResult[] = [];
  try {
    const exited = bot.exited.then(({ code }) => Promise.reject(new Error(`the bot exited with ${code} before polling:\n${bot.output().slice(-2000)}`)));
    await Promise.race([api.waitForCall((c) => c.method === 'deleteWebhook', 120_000), exited]);
    for (const [i, mode] of modes.entries()) results.push(await runMode(mode, api, bot, 100_000 * (i + 1)));
  } finally {
    bot.proc.kill('SIGTERM');
    const { code } = await bot.exited;
    if (code !== 0) process.stderr.write(`load: the bot exited with ${code}\n${bot.output().slice(-2000)}\n`);
    bot.kill();
    await api.close();
    rmSync(dirs.dir, { recursive: true, force: true });
  }

  if (args.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  else {
    process.stdout.write(`load: ${USERS} users × ${PER_USER} questions, ${MODE_LABEL}, compiled bot against the local fake Bot API\n`);
    for (const r of results) {
      process.stdout.write(
        `${r.mode.padEnd(6)} answered ${r.answered}/${r.asked}  errors ${r.errors}  ` +
          `latency p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  max ${r.maxMs} ms  ` +
          `${r.perSecond.toFixed(1)} answers/s  peak RSS ${r.peakRssMb.toFixed(0)} MB\n`,
      );
    }
  }
  if (results.some((r) => r.errors > 0 || r.answered < r.asked)) process.exitCode = 1;
}

await main();
