/** Plain-text rendering of answers and article lists for the terminal. */
import { cleanLabel } from '../ingest/bidi.js';
import type { Answer, ArticleInfo } from '../types.js';

/** A citation line: outlet · date · title · file (a file name's direction controls dropped: see cleanLabel). */
export function citation(a: { source: string | null; date: string | null; title: string; file: string }): string {
  return [a.source ?? 'unknown outlet', a.date ?? 'undated', a.title, cleanLabel(a.file)].join(' · ');
}

export function formatAnswer(answer: Answer): string {
  const lines = [`? ${answer.question}`];
  if (!answer.answered) return [...lines, '  not found: nothing in the archive answers this.'].join('\n');
  for (const r of answer.results) {
    lines.push(`  ${r.rank}. «${r.excerpt}»`, `     — ${citation(r.article)} (passage ${r.position + 1}, score ${r.score})`);
    if (r.alsoIn.length > 0) lines.push(`     also in: ${r.alsoIn.map(citation).join('; ')}`);
  }
  if (answer.unmatched.length > 0) lines.push(`  not in these passages: ${answer.unmatched.join(', ')}`);
  return lines.join('\n');
}

export function formatSources(articles: ArticleInfo[]): string {
  return articles.map((a) => `${a.id}  ${a.date ?? 'undated   '}  ${a.source ?? '?'}  ${a.title}  [${cleanLabel(a.file)}, ${a.passages} passages]`).join('\n');
}
