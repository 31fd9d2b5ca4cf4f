/** Plain-text rendering of answers and article lists for the terminal. */
import { cleanLabel } from '../ingest/bidi.js';
import type { Answer, ArticleInfo, EnglishReading } from '../types.js';

/** A citation line: outlet · date · title · file (a file name's direction controls dropped: see cleanLabel). */
export function citation(a: { source: string | null; date: string | null; title: string; file: string }): string {
  return [a.source ?? 'unknown outlet', a.date ?? 'undated', a.title, cleanLabel(a.file)].join(' · ');
}

/** What makes English questions readable, for a reader of the CLI (the bot's wording is in its i18n). */
export const ENGLISH_REMEDY =
  'build the embedding model (npm run model:offline -- models/e5, then MODEL_DIR=models/e5) or install the English–Arabic dictionary (apt-get install dict-freedict-eng-ara)';

/** How English questions are read, as `status` and `demo` say it. */
export function englishLine(english: EnglishReading): string {
  if (english === 'model') return 'English questions: read by the embedding model';
  if (english === 'dictionary') return 'English questions: read word by word through the English–Arabic dictionary';
  return `English questions: not read; to read them, ${ENGLISH_REMEDY}`;
}

export function formatAnswer(answer: Answer): string {
  const lines = [`? ${answer.question}`];
  if (answer.unread === 'english') return [...lines, `  not read: this archive cannot read English questions; ${ENGLISH_REMEDY}.`].join('\n');
  const pending = answer.unembedded ? [`  ${answer.unembedded.toLocaleString('en-US')} passages not embedded yet: matched by their words only`] : [];
  if (!answer.answered) return [...lines, '  not found: nothing in the archive answers this.', ...pending].join('\n');
  for (const r of answer.results) {
    lines.push(`  ${r.rank}. «${r.excerpt}»`, `     — ${citation(r.article)} (passage ${r.position + 1}, score ${r.score})`);
    if (r.alsoIn.length > 0) lines.push(`     also in: ${r.alsoIn.map(citation).join('; ')}`);
  }
  if (answer.unmatched.length > 0) lines.push(`  not in these passages: ${answer.unmatched.join(', ')}`);
  return [...lines, ...pending].join('\n');
}

export function formatSources(articles: ArticleInfo[]): string {
  return articles.map((a) => `${a.id}  ${a.date ?? 'undated   '}  ${a.source ?? 'unknown outlet'}  ${a.title}  [${cleanLabel(a.file)}, ${a.passages} passages]`).join('\n');
}
