/**
 * The sanad CLI: `npm run cli -- <command>`. Build or update the index, ask questions, list and
 * show articles, and measure retrieval quality, all from a terminal.
 */
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { createAnalyzer } from '../analysis/analyzer.js';
import { openArchive, type Archive, type ArchiveOptions } from '../archive/archive.js';
import { loadConfig, ConfigError } from '../config.js';
import { cleanLabel } from '../ingest/bidi.js';
import { withheldRemovals } from '../index/indexer.js';
import { createLogger } from '../log.js';
import { parseRankingSetting, rankingOptions, RankingOptionError, type RankingOptions } from '../search/ranking-options.js';
import { runEval, runProjectSets } from './eval.js';
import { showProgress } from './progress.js';
import { citation, englishLine, formatAnswer, formatSources } from './format.js';
import { WriterLock } from '../index/writer-lock.js';

const DEMO_QUESTIONS = [
  'متى دخلت طالبان كابول؟',
  'ليش روسيا قلقانة من داعش بشمال أفغانستان؟',
  'ماذا قال الكرملين عن إرسال قوات بريطانية إلى أوكرانيا؟',
  'ما هي نتيجة مباراة ريال مدريد أمس؟',
  'Why is Russia worried about Afghanistan?', // answered from Arabic passages in hybrid mode; "not found" in lexical mode
];

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new InvalidArgumentError('a whole number from 1 to 50');
  return n;
};

/** `--set key=value`, repeatable: ranking options checked against their safe ranges. */
const collectSetting = (v: string, previous: Partial<RankingOptions> = {}) => {
  try {
    return { ...previous, ...parseRankingSetting(v) };
  } catch (err) {
    if (err instanceof RankingOptionError) throw new InvalidArgumentError(err.message);
    throw err;
  }
};

/**
 * Open the archive for one command, and always close it. `words: true` for commands that only read
 * what is stored (sources, show): no model is loaded, so none is waited for or warned about.
 */
async function withArchive<T>(fn: (archive: Archive) => Promise<T>, options: ArchiveOptions = {}, words = false): Promise<T> {
  const config = words ? { ...loadConfig(), embeddingModel: 'none' } : loadConfig();
  // Without a model asked for, there is no missing model to warn about.
  const log = createLogger(words ? 'error' : config.logLevel === 'info' ? 'warn' : config.logLevel, { human: true });
  const archive = await openArchive(config, log, { writer: `sanad cli ${program.args[0] ?? ''}`.trim(), ...options });
  try {
    return await fn(archive);
  } finally {
    archive.close();
  }
}

const print = (s: string): void => void process.stdout.write(`${s}\n`);

const program = new Command('sanad').description('Cited answers from a news archive').showHelpAfterError();

program
  .command('index')
  .description('build or update the index from DATA_DIR')
  .option('--json', 'print one JSON object')
  .option('--allow-mass-removal', 'remove the files gone from DATA_DIR even when they are most of the archive')
  .action((opts: { json?: boolean; allowMassRemoval?: boolean }) =>
    withArchive(async (archive) => {
      const progress = opts.json ? undefined : showProgress();
      const report = await archive.index({ onProgress: progress?.update, allowMassRemoval: opts.allowMassRemoval }).finally(() => progress?.stop());
      if (report.withheld) {
        process.stderr.write(`sanad: ${withheldRemovals(report.withheld, loadConfig().dataDir)} (--allow-mass-removal)\n`);
        process.exitCode = 1;
      }
      if (opts.json) return print(JSON.stringify(report));
      print(`${report.articles} articles, ${report.passages} passages (${report.mode} mode): ${report.added} added, ${report.updated} updated, ${report.removed} removed, ${report.unchanged} unchanged`);
      for (const f of report.failed) print(`  skipped ${cleanLabel(f.file)}: ${f.reason}`);
      for (const w of report.warnings ?? []) print(`  warning ${cleanLabel(w.file)}: ${w.warning}`);
    }),
  );

program
  .command('ask')
  .description('answer a question (or one per line of --file) with cited excerpts')
  .argument('[question]')
  .option('--top <k>', 'how many results', positiveInt, 5)
  .option('--file <path>', 'questions, one per line')
  .option('--json', 'one JSON object per question')
  .action((question: string | undefined, opts: { top: number; file?: string; json?: boolean }) =>
    withArchive(async (archive) => {
      const questions = opts.file
        ? readFileSync(opts.file, 'utf8').split(/\r?\n/u).map((l) => l.trim()).filter(Boolean)
        : question?.trim() ? [question.trim()] : [];
      if (questions.length === 0) program.error('ask needs a question, or --file with one question per line');
      if (archive.isEmpty()) {
        process.stderr.write('sanad: the index is empty; indexing DATA_DIR first\n');
        await archive.index();
      }
      for (const q of questions) {
        const answer = await archive.ask(q, { top: opts.top });
        print(opts.json ? JSON.stringify(answer) : formatAnswer(answer));
      }
    }),
  );

program
  .command('sources')
  .description('list the indexed articles')
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean }) =>
    withArchive(async (archive) => {
      const list = archive.sources();
      print(opts.json ? JSON.stringify(list) : formatSources(list));
    }, {}, true),
  );

program
  .command('show')
  .description('print one article with its passages')
  .argument('<id>', 'article id (from `sources`) or file name')
  .option('--json', 'print JSON')
  .action((id: string, opts: { json?: boolean }) =>
    withArchive(async (archive) => {
      const detail = archive.show(id);
      if (!detail) return program.error(`no article with id or file "${id}"; see \`sources\``);
      if (opts.json) return print(JSON.stringify({ ...detail.article, passages: detail.passages }));
      print(`${detail.article.title}\n${citation(detail.article)}\n`);
      for (const p of detail.passages) print(`[${p.position + 1}] ${p.text}\n`);
    }, {}, true),
  );

program
  .command('eval')
  .description('Hit@1, Hit@3, MRR and abstention over a question set (default: the two held-out sets and the tuning set, and the gaps)')
  .argument('[questions]', 'JSONL question set; without it, the project sets')
  .option('--json', 'print JSON')
  .option('--no-synonyms', 'read questions without the synonym groups (an ablation)')
  .option('--set <key=value>', 'override a ranking option (repeatable), e.g. --set rootCredit=0.2', collectSetting)
  .action((file: string | undefined, opts: { json?: boolean; synonyms: boolean; set?: Partial<RankingOptions> }) => {
    const overrides = opts.set ?? {};
    const variant = [...(opts.synonyms ? [] : ['no synonyms']), ...Object.entries(overrides).map(([k, v]) => `${k}=${v}`)];
    const options: ArchiveOptions = {
      ranking: rankingOptions(overrides),
      ...(opts.synonyms ? {} : { analyzer: createAnalyzer({ synonymGroups: false }) }),
    };
    return withArchive(async (archive) => {
      await archive.index();
      if (file === undefined) {
        const sets = await runProjectSets(archive, variant);
        return print(opts.json ? JSON.stringify(sets) : sets.table);
      }
      const report = await runEval(archive, file);
      print(opts.json ? JSON.stringify({ ...report, variant }) : `${variant.length ? `${variant.join(', ')}\n` : ''}${report.table}`);
    }, options);
  });

program
  .command('status')
  .description('what this setup can do, and what would make it do more: mode, model, English questions, the archive, its writer')
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean }) =>
    withArchive(async (archive) => {
      const config = loadConfig();
      const stats = archive.stats();
      const writer = WriterLock.holder(config.indexDir);
      const status = {
        mode: archive.mode,
        model: archive.model,
        modelNote: archive.modelNote,
        english: archive.english,
        articles: stats.articles,
        passages: stats.passages,
        dataDir: config.dataDir,
        indexDir: config.indexDir,
        indexBytes: stats.indexBytes,
        writer,
      };
      if (opts.json) return print(JSON.stringify(status));
      print(`mode: ${archive.mode}${archive.model ? ` (model ${archive.model})` : ` (${archive.modelNote})`}`);
      print(englishLine(archive.english));
      print(`archive: ${stats.articles} articles, ${stats.passages} passages from ${config.dataDir}; index ${config.indexDir} (${stats.indexBytes} bytes)`);
      print(`writer: ${writer ? `held by ${writer}: changes go through it` : 'free'}`);
    }),
  );

program
  .command('demo')
  .description('index DATA_DIR and answer a few sample questions')
  .action(() =>
    withArchive(async (archive) => {
      const r = await archive.index();
      print(`indexed ${r.articles} articles, ${r.passages} passages (${r.mode} mode); ${englishLine(archive.english)}\n`);
      for (const q of DEMO_QUESTIONS) print(`${formatAnswer(await archive.ask(q, { top: 2 }))}\n`);
    }),
  );

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`sanad: ${err.message}\n`);
  else process.stderr.write(`sanad: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
