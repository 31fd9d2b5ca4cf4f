/**
 * SaudiNewsNet (one zip per extraction day, each one JSON array of {source, url, date_extracted,
 * title, author, content}) → article files for DATA_DIR. Its licence (CC BY-NC-SA 4.0, research
 * and evaluation) keeps it out of the repository: the folder is always an argument.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

export interface NewsArticle {
  source: string;
  url: string;
  date: string;
  title: string;
  content: string;
}

/** Every article with a title and a body, in zip-name then array order. */
export function readSaudiNewsNet(dir: string): NewsArticle[] {
  const zips = readdirSync(dir).filter((f) => f.endsWith('.zip')).sort();
  if (zips.length === 0) throw new Error(`${dir}: no SaudiNewsNet .zip files`);
  const articles: NewsArticle[] = [];
  for (const zip of zips) {
    for (const bytes of Object.values(unzipSync(readFileSync(join(dir, zip))))) {
      for (const a of JSON.parse(strFromU8(bytes)) as Record<string, string | undefined>[]) {
        const title = a.title?.trim() ?? '';
        const content = a.content?.trim() ?? '';
        if (!title || !content) continue;
        articles.push({ source: a.source ?? '', url: a.url ?? '', date: (a.date_extracted ?? '').slice(0, 10), title, content });
      }
    }
  }
  return articles;
}

/** `n` articles spread evenly over the archive (all of them when n ≥ its size): the same slice every run. */
export function slice<T>(items: readonly T[], n: number): T[] {
  if (n >= items.length) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

/** The article as a text file: title, blank line, the body's paragraphs, the outlet and date last. */
export function newsFile(a: NewsArticle): string {
  const body = a.content.split(/\n\s*\n/u).map((p) => p.trim()).filter(Boolean).join('\n\n');
  return `${a.title}\n\n${body}\n\nالمصدر: ${a.source}\n`;
}

/** File name of the i-th article written. */
export const newsFileName = (i: number) => `news-${String(i).padStart(5, '0')}.txt`;
