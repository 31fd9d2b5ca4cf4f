/**
 * Faults (issue 21) on real parts: real processes (the bot from its sources against the fake Bot
 * API, the CLI), real SQLite files, real HNSW graphs, files damaged the way disks and operators
 * damage them. After each fault, the articles that were indexed stay answerable.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../src/archive/archive.js';
import { stripBidi } from '../src/bot/format.js';
import { IndexLockedError, WriterLock } from '../src/index/writer-lock.js';
import { ROOT, runCli, tempArchive, testConfig, tinyModel, TINY_MODEL_RANKING } from './helpers.js';
import { startBotProcess, type BotProcess } from './support/bot-process.js';
import { startFakeBotApi, type BotCall, type FakeBotApi, type FakeUser } from './support/fake-bot-api.js';
import { parseHtml } from './support/telegram-rules.js';

const silent = pino({ level: 'silent' });
const KABUL = 'متى دخلت طالبان كابول؟';
/** The seed file that holds two articles (the second after "read also"). */
const TWO_ARTICLES = '003_1f1856e168336150.txt';

/** Overwrite `bytes` bytes in the middle of `file` with zeros: one damaged disk block. */
function damageBlock(file: string, bytes = 4096): void {
  const data = readFileSync(file);
  data.fill(0, Math.floor(data.length / 2), Math.floor(data.length / 2) + bytes);
  writeFileSync(file, data);
}

const cliEnv = (dirs: { dataDir: string; indexDir: string }, env: Record<string, string> = {}) => ({ DATA_DIR: dirs.dataDir, INDEX_DIR: dirs.indexDir, ...env });

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('one writer per index', () => {
  it('a process that holds the lock is named to the next; the kernel frees it the moment the holder is killed', async () => {
    const { indexDir } = tempArchive();
    mkdirSync(indexDir, { recursive: true });
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { WriterLock } = await import(${JSON.stringify(join(ROOT, 'src/index/writer-lock.ts'))});
      WriterLock.acquire(${JSON.stringify(indexDir)}, 'a test holder');
      console.log('held');
      setInterval(() => {}, 1000);`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && resolve()));
      let refusal: unknown;
      try {
        WriterLock.acquire(indexDir, 'the test');
      } catch (err) {
        refusal = err;
      }
      expect(refusal).toBeInstanceOf(IndexLockedError);
      expect((refusal as Error).message).toContain(`a test holder (pid ${holder.pid}`);
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
      WriterLock.acquire(indexDir, 'the test').release();
    } finally {
      holder.kill('SIGKILL');
    }
  });

  describe('while a bot runs on the index', () => {
    let api: FakeBotApi;
    let bot: BotProcess;
    const dirs = tempArchive();
    const admin: FakeUser = { id: 1001, first_name: 'Huda', language_code: 'en' };
    const sentTo = (c: BotCall) => c.method === 'sendMessage' && c.ok && Number(c.params.chat_id) === admin.id;
    const text = (c: BotCall) => stripBidi(parseHtml(String(c.params.text ?? '')).text);
    const ask = async (message: string, command = false) => {
      const before = api.calls.filter(sentTo).length;
      if (command) api.sendCommand(admin, { id: admin.id, type: 'private' }, message);
      else api.sendText(admin, { id: admin.id, type: 'private' }, message);
      await api.waitForCall((c) => sentTo(c) && api.calls.filter(sentTo).length > before, 30_000);
      return text(api.calls.filter(sentTo).at(-1)!);
    };

    beforeAll(async () => {
      api = await startFakeBotApi();
      bot = startBotProcess({ apiRoot: api.apiRoot, token: api.token, dataDir: dirs.dataDir, indexDir: dirs.indexDir, env: { ADMIN_IDS: String(admin.id) } });
      await waitFor(() => bot.output().includes('bot started'), 'the bot to start');
    }, 90_000);

    afterAll(async () => {
      bot.kill();
      await api.close();
      rmSync(dirs.dir, { recursive: true, force: true });
    });

    it('refuses `cli index` in one line naming the bot, and changes nothing', async () => {
      writeFileSync(join(dirs.dataDir, 'late.txt'), `عنوان متأخر\n\n${'أضاف المحرر فقرة عن موسم الحصاد في الوادي الأخضر هذا العام. '.repeat(3)}`);
      const { code, stderr } = await runCli(['index'], cliEnv(dirs));
      rmSync(join(dirs.dataDir, 'late.txt'));
      expect(code).toBe(1);
      expect(stderr).toMatch(new RegExp(`being written by sanad bot \\(pid \\d+ on `));
      expect((await runCli(['sources', '--json'], cliEnv(dirs))).stdout).not.toContain('late.txt');
    });

    it('refuses a second bot on the same index before it polls, and the first keeps answering', async () => {
      const second = startBotProcess({ apiRoot: api.apiRoot, token: api.token, dataDir: dirs.dataDir, indexDir: dirs.indexDir });
      const { code } = await second.exited;
      expect(code).toBe(1);
      expect(second.output()).toMatch(new RegExp(`being written by sanad bot \\(pid \\d+ on `));
      expect(await ask(KABUL)).toContain('كابول');
    });

    it('/delete with the id of one of two articles in a file deletes nothing and names both; with the file name, both go', async () => {
      const sources = JSON.parse((await runCli(['sources', '--json'], cliEnv(dirs))).stdout) as { id: string; file: string; title: string }[];
      const pair = sources.filter((s) => s.file === TWO_ARTICLES);
      expect(pair).toHaveLength(2);
      const refused = await ask(`/delete ${pair[0]!.id}`, true);
      expect(refused).toContain('Nothing deleted');
      for (const a of pair) expect(refused).toContain(a.id);
      expect(existsSync(join(dirs.dataDir, TWO_ARTICLES))).toBe(true);
      const deleted = await ask(`/delete ${TWO_ARTICLES}`, true);
      expect(deleted).toContain('Deleted 2 articles');
      for (const a of pair) expect(deleted).toContain(a.id);
      expect(existsSync(join(dirs.dataDir, TWO_ARTICLES))).toBe(false);
      expect(await ask(KABUL)).toContain('كابول');
    });
  });
});

describe('an empty DATA_DIR (a share that did not mount)', () => {
  it('keeps the archive indexed and says so, until a mass removal is allowed', async () => {
    const dirs = tempArchive();
    expect((await runCli(['index'], cliEnv(dirs))).code).toBe(0);
    const away = `${dirs.dataDir}-unmounted`;
    renameSync(dirs.dataDir, away);
    mkdirSync(dirs.dataDir);
    const kept = await runCli(['index', '--json'], cliEnv(dirs));
    expect(kept.code).toBe(1);
    expect(kept.stderr).toContain(`5 of the 5 indexed files are gone from ${dirs.dataDir}`);
    expect(JSON.parse(kept.stdout)).toMatchObject({ articles: 6, removed: 0, withheld: { files: 5, of: 5 } });
    expect(JSON.parse((await runCli(['ask', KABUL, '--json'], cliEnv(dirs))).stdout).answered).toBe(true);
    const allowed = await runCli(['index', '--json', '--allow-mass-removal'], cliEnv(dirs));
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ articles: 0, removed: 5 });
  });

  it('a deletion is never a mass removal, even of the last file', async () => {
    const dirs = tempArchive();
    for (const f of readdirSync(dirs.dataDir).slice(1)) rmSync(join(dirs.dataDir, f));
    const archive = await openArchive(testConfig(dirs), silent);
    try {
      const [file] = readdirSync(dirs.dataDir);
      expect((await archive.index()).articles).toBe(1);
      expect(await archive.deleteArticle(file!)).toHaveLength(1);
      expect(archive.isEmpty()).toBe(true);
    } finally {
      archive.close();
    }
  });
});

/** Mount a tmpfs of `mb` megabytes at `dir` (root only); the reason it cannot, otherwise. */
function mountTmpfs(dir: string, mb: number): string | null {
  mkdirSync(dir, { recursive: true });
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { encoding: 'utf8' });
  return run.status === 0 ? null : `cannot mount a tmpfs here (${(run.stderr || run.error?.message || '').trim()}): run the tests as root to check a full disk`;
}

/** Fill the file system holding `dir` to the last byte. */
function fillDisk(dir: string): void {
  const fd = openSync(join(dir, 'filler'), 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

const fullDisk = (() => {
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs: run the tests as root to check a full disk';
  return null;
})();

describe.skipIf(fullDisk !== null)(`a full disk${fullDisk ? ` (skipped: ${fullDisk})` : ''}`, () => {
  it('refuses an upload and a deletion plainly, leaves DATA_DIR and the index as they were, and takes them once there is room', async () => {
    const dirs = tempArchive();
    const indexDir = join(dirs.dir, 'small-disk');
    const reason = mountTmpfs(indexDir, 8);
    if (reason) throw new Error(reason);
    const config = testConfig({ dataDir: dirs.dataDir, indexDir });
    try {
      let archive = await openArchive(config, silent);
      await archive.index();
      archive.close();
      archive = await openArchive(config, silent);
      const questions = ['متى دخلت طالبان كابول؟', 'ماذا قال الكرملين عن إرسال قوات بريطانية إلى أوكرانيا؟', 'ليش روسيا قلقانة من داعش بشمال أفغانستان؟'];
      const sweep = async () => Promise.all(questions.map(async (q) => (await archive.ask(q)).results.map((r) => [r.article.id, r.position])));
      const before = { files: readdirSync(dirs.dataDir).sort(), sources: archive.sources(), answers: await sweep() };
      fillDisk(indexDir);
      const upload = readFileSync(join(dirs.dataDir, '000_2f97a4cd25084954.txt'), 'utf8').replace('عنوان', 'عنوان آخر') + '\n\nفقرة جديدة عن موسم الحصاد في الوادي الأخضر هذا العام وما تغير فيه.';
      await expect(archive.addFile('harvest.txt', Buffer.from(upload))).rejects.toThrow(/^disk full: adding harvest\.txt failed and nothing was changed; free space under /);
      await expect(archive.deleteArticle(TWO_ARTICLES)).rejects.toThrow(/^disk full: deleting /);
      expect(readdirSync(dirs.dataDir).sort()).toEqual(before.files);
      expect(archive.sources()).toEqual(before.sources);
      expect(await sweep()).toEqual(before.answers);
      rmSync(join(indexDir, 'filler'));
      expect((await archive.addFile('harvest.txt', Buffer.from(upload))).articles).toHaveLength(1);
      expect(await archive.deleteArticle(TWO_ARTICLES)).toHaveLength(2);
      expect(existsSync(join(dirs.dataDir, TWO_ARTICLES))).toBe(false);
      archive.close();
    } finally {
      spawnSync('umount', [indexDir]);
    }
  });
});

describe.skipIf(fullDisk !== null)(`a read-only index directory${fullDisk ? ` (skipped: ${fullDisk})` : ''}`, () => {
  it('is named in one line by every command and by the bot, which exits', async () => {
    const dirs = tempArchive();
    const reason = mountTmpfs(dirs.indexDir, 16);
    if (reason) throw new Error(reason);
    try {
      expect((await runCli(['index'], cliEnv(dirs))).code).toBe(0);
      expect(spawnSync('mount', ['-o', 'remount,ro', dirs.indexDir]).status).toBe(0);
      for (const command of [['index'], ['ask', KABUL]]) {
        const { code, stderr } = await runCli(command, cliEnv(dirs));
        expect(code).toBe(1);
        expect(stderr.trim()).toMatch(new RegExp(`^sanad: the index (store|directory) ${dirs.indexDir}\\S* (cannot be opened for writing|is not writable) \\(SQLITE_CANTOPEN\\): check the index directory's mount and owner$`));
      }
      const api = await startFakeBotApi();
      const bot = startBotProcess({ apiRoot: api.apiRoot, token: api.token, dataDir: dirs.dataDir, indexDir: dirs.indexDir });
      try {
        expect((await bot.exited).code).toBe(1);
        expect(bot.output()).toMatch(new RegExp(`the index (store|directory) ${dirs.indexDir}\\S* (cannot be opened for writing|is not writable)`));
      } finally {
        bot.kill();
        await api.close();
      }
    } finally {
      spawnSync('umount', [dirs.indexDir]);
    }
  });
});

describe('damaged files under INDEX_DIR and the model folder', () => {
  let modelDir: string;
  beforeAll(async () => {
    modelDir = await tinyModel();
  });
  const hybrid = () => ({ EMBEDDING_MODEL: 'tiny', MODEL_DIR: modelDir });

  it('a damaged block in vectors.hnsw is caught by its checksum and the graph rebuilt, in a real process', async () => {
    const dirs = tempArchive();
    expect((await runCli(['index'], cliEnv(dirs, hybrid()))).code).toBe(0);
    damageBlock(join(dirs.indexDir, 'vectors.hnsw'));
    for (let run = 0; run < 2; run++) {
      const { code, stdout } = await runCli(['ask', KABUL, '--json'], cliEnv(dirs, hybrid()));
      expect(code).toBe(0);
      expect(JSON.parse(stdout).results[0].text).toContain('كابول');
    }
  });

  it('a stale graph labelled as current costs the question its meaning, not its answer', async () => {
    const dirs = tempArchive();
    const open = () => openArchive(testConfig(dirs, hybrid()), silent, { ranking: TINY_MODEL_RANKING });
    let archive = await open();
    await archive.index();
    archive.close();
    const saved = join(dirs.dir, 'old-graph');
    mkdirSync(saved);
    for (const f of ['vectors.hnsw', 'vectors.json']) cpSync(join(dirs.indexDir, f), join(saved, f));
    // An edit with the same paragraph count: the counts match, the passage ids do not.
    const file = join(dirs.dataDir, '001_5342da39c5f54c5f.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('كابول', 'كابول الأفغانية'));
    archive = await open();
    await archive.index();
    archive.close();
    const generation = (JSON.parse(readFileSync(join(dirs.indexDir, 'vectors.json'), 'utf8')) as { generation: number }).generation;
    cpSync(join(saved, 'vectors.hnsw'), join(dirs.indexDir, 'vectors.hnsw'));
    const state = JSON.parse(readFileSync(join(saved, 'vectors.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dirs.indexDir, 'vectors.json'), JSON.stringify({ ...state, generation }));
    archive = await open();
    try {
      const answer = await archive.ask(KABUL);
      expect(answer.answered).toBe(true);
      expect(answer.results[0]!.text).toContain('كابول الأفغانية');
    } finally {
      archive.close();
    }
  });

  it('a store that is not a database is moved aside, named, and rebuilt from DATA_DIR', async () => {
    const dirs = tempArchive();
    expect((await runCli(['index'], cliEnv(dirs))).code).toBe(0);
    writeFileSync(join(dirs.indexDir, 'sanad.sqlite'), Buffer.alloc(64 * 1024, 7));
    rmSync(join(dirs.indexDir, 'sanad.sqlite-wal'), { force: true });
    rmSync(join(dirs.indexDir, 'sanad.sqlite-shm'), { force: true });
    const { code, stdout, stderr } = await runCli(['ask', KABUL, '--json'], cliEnv(dirs));
    expect(code).toBe(0);
    const aside = readdirSync(dirs.indexDir).find((f) => f.startsWith('sanad.sqlite.damaged-'));
    expect(aside).toBeDefined();
    expect(stderr).toContain(`the index store was damaged: it was moved to ${join(dirs.indexDir, aside!)}`);
    expect(JSON.parse(stdout).results[0].text).toContain('كابول');
    expect(JSON.parse((await runCli(['sources', '--json'], cliEnv(dirs))).stdout)).toHaveLength(6);
  });

  it('a damaged tokenizer.json is named in one line and the archive answers by its words', async () => {
    const dirs = tempArchive();
    const damaged = join(dirs.dir, 'model');
    cpSync(modelDir, damaged, { recursive: true });
    damageBlock(join(damaged, 'tokenizer.json'), 1024);
    const { code, stdout, stderr } = await runCli(['ask', KABUL, '--json'], cliEnv(dirs, { EMBEDDING_MODEL: 'tiny', MODEL_DIR: damaged }));
    expect(code).toBe(0);
    expect(stderr).toContain(`model folder ${damaged} has a damaged tokenizer.json (not valid JSON): copy the model again; running in lexical mode`);
    expect(JSON.parse(stdout).results[0].text).toContain('كابول');
  });
});

describe('what /start, /help, /stats and /sources show', () => {
  it('is read once per store generation, and afresh after every change', async () => {
    const dirs = tempArchive();
    const archive = await openArchive(testConfig(dirs), silent);
    try {
      await archive.index();
      const [stats, sources] = [archive.stats(), archive.sources()];
      expect(archive.stats()).toBe(stats);
      expect(archive.sources()).toBe(sources);
      await archive.deleteArticle(TWO_ARTICLES);
      expect(archive.stats()).not.toBe(stats);
      expect(archive.stats().articles).toBe(stats.articles - 2);
      expect(archive.sources().map((a) => a.file)).not.toContain(TWO_ARTICLES);
    } finally {
      archive.close();
    }
  });
});

describe('what the bot finds wrong at start reaches its admins', () => {
  const admin: FakeUser = { id: 1001, first_name: 'Huda', language_code: 'en' };
  it.each([
    ['a damaged store', (dirs: { dataDir: string; indexDir: string }) => writeFileSync(join(dirs.indexDir, 'sanad.sqlite'), Buffer.alloc(64 * 1024, 7)), 'the index store was damaged: it was moved to'],
    ['an unmounted DATA_DIR', (dirs: { dataDir: string; indexDir: string }) => { for (const f of readdirSync(dirs.dataDir)) rmSync(join(dirs.dataDir, f)); }, 'of the 5 indexed files are gone from'],
  ])('%s', async (_, damage, notice) => {
    const dirs = tempArchive();
    expect((await runCli(['index'], cliEnv(dirs))).code).toBe(0);
    for (const f of ['sanad.sqlite-wal', 'sanad.sqlite-shm']) rmSync(join(dirs.indexDir, f), { force: true });
    damage(dirs);
    const api = await startFakeBotApi();
    const bot = startBotProcess({ apiRoot: api.apiRoot, token: api.token, dataDir: dirs.dataDir, indexDir: dirs.indexDir, env: { ADMIN_IDS: String(admin.id) } });
    try {
      const told = await api.waitForCall((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === admin.id, 60_000);
      expect(String(told.params.text)).toContain(notice);
      await waitFor(() => bot.output().includes('bot started'), 'the bot to start');
      api.sendText(admin, { id: admin.id, type: 'private' }, KABUL);
      const reply = await api.waitForCall((c) => c.method === 'sendMessage' && c.ok && Number(c.params.chat_id) === admin.id && String(c.params.text).includes('كابول'), 30_000);
      expect(reply.ok).toBe(true);
    } finally {
      bot.kill();
      await api.close();
    }
  });
});

describe('/reindex after DATA_DIR emptied', () => {
  it('keeps the files and says so; `/reindex remove-missing` removes them', async () => {
    const admin: FakeUser = { id: 1001, first_name: 'Huda', language_code: 'en' };
    const dirs = tempArchive();
    const api = await startFakeBotApi();
    const bot = startBotProcess({ apiRoot: api.apiRoot, token: api.token, dataDir: dirs.dataDir, indexDir: dirs.indexDir, env: { ADMIN_IDS: String(admin.id) } });
    const report = async (command: string) => {
      const before = api.calls.length;
      api.sendCommand(admin, { id: admin.id, type: 'private' }, command);
      const done = await api.waitForCall((c) => api.calls.indexOf(c) >= before && c.method === 'sendMessage' && String(c.params.text).includes('Re-index finished'), 60_000);
      return stripBidi(parseHtml(String(done.params.text)).text);
    };
    try {
      await waitFor(() => bot.output().includes('bot started'), 'the bot to start');
      for (const f of readdirSync(dirs.dataDir)) rmSync(join(dirs.dataDir, f));
      const kept = await report('/reindex');
      expect(kept).toContain('5 of the 5 indexed files are gone from the data folder');
      expect(kept).toContain('Now: 6 articles');
      const removed = await report('/reindex remove-missing');
      expect(removed).toContain('Removed: 5');
      expect(removed).toContain('Now: 0 articles');
    } finally {
      bot.kill();
      await api.close();
    }
  });
});
