/**
 * Writes the tiny offline embedding model (see scripts/tiny-model.ts) into a folder usable as MODEL_DIR.
 * Usage: npx tsx scripts/make-tiny-model.ts <outDir> [dataDir]
 */
import { makeTinyModel } from './tiny-model.js';

const [outDir, dataDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: tsx scripts/make-tiny-model.ts <outDir> [dataDir]');
  process.exit(2);
}
const started = performance.now();
await makeTinyModel(outDir, dataDir ? { dataDir } : {});
console.log(`tiny model written to ${outDir} in ${Math.round(performance.now() - started)} ms`);
