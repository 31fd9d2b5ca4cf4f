import { describe, expect, it } from 'vitest';
import { splitMessage } from '../src/bot/split-message.js';
import { parseHtml } from './support/telegram-rules.js';

/** Visible text of an HTML chunk, as Telegram would show it (throws on invalid HTML). */
const visible = (html: string) => parseHtml(html).text;
const squash = (s: string) => s.replace(/\s+/g, '');

function expectValidChunks(chunks: string[], limit: number): void {
  expect(chunks.length).toBeGreaterThan(0);
  for (const chunk of chunks) {
    expect(chunk.length).toBeLessThanOrEqual(limit);
    expect(() => parseHtml(chunk)).not.toThrow();
    expect(visible(chunk).trim()).not.toBe('');
    // No lone surrogate at either end (a pair cut in half).
    expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(chunk)).toBe(false);
    expect(chunk).toBe(chunk.trim());
  }
}

const ARABIC_PARAGRAPH =
  'قال وزير الخارجية الروسي سيرغي لافروف إن انسحاب القوات الأمريكية من أفغانستان هو اعتراف بفشل المهمة الأمريكية في البلاد، ' +
  'وإن على منظمة معاهدة الأمن الجماعي (CSTO) التحقيق في أي هجوم على طاجيكستان.';

describe('splitMessage', () => {
  it('returns a short message unchanged, and nothing for a blank one', () => {
    expect(splitMessage('<b>مرحبا</b> &amp; hello')).toEqual(['<b>مرحبا</b> &amp; hello']);
    expect(splitMessage('   \n ')).toEqual([]);
  });

  it('defaults to Telegram’s 4096 limit', () => {
    const text = Array.from({ length: 40 }, () => ARABIC_PARAGRAPH).join('\n\n');
    expect(text.length).toBeGreaterThan(4096);
    const chunks = splitMessage(text);
    expectValidChunks(chunks, 4096);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('cuts at paragraph boundaries and loses no text', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${ARABIC_PARAGRAPH}`);
    const text = paragraphs.join('\n\n');
    const chunks = splitMessage(text, 700);
    expectValidChunks(chunks, 700);
    // Every chunk is made of whole paragraphs.
    for (const chunk of chunks) for (const p of chunk.split('\n\n')) expect(paragraphs).toContain(p);
    expect(chunks.join('\n\n')).toBe(text);
  });

  it('prefers a paragraph break to a later line break', () => {
    const para = 'a'.repeat(60);
    const text = `${para}\n\n${para}\n${para}\n${'b'.repeat(60)}`;
    const chunks = splitMessage(text, 150);
    expect(chunks[0]).toBe(para);
  });

  it('falls back to line breaks, then spaces, then hard cuts', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(30)}`).join('\n');
    const byLine = splitMessage(lines, 100);
    expectValidChunks(byLine, 100);
    for (const c of byLine) for (const l of c.split('\n')) expect(l).toMatch(/^line \d x{30}$/);

    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const byWord = splitMessage(words, 50);
    expectValidChunks(byWord, 50);
    expect(byWord.join(' ')).toBe(words);

    const solid = 'z'.repeat(250);
    const hard = splitMessage(solid, 100);
    expect(hard).toEqual(['z'.repeat(100), 'z'.repeat(100), 'z'.repeat(50)]);
  });

  it('closes and re-opens tags around a cut, so each chunk is valid on its own', () => {
    const bold = Array.from({ length: 30 }, (_, i) => `كلمة${i}`).join(' ');
    const text = `مقدمة <b>${bold} <i>مائل جدا</i></b> خاتمة`;
    const chunks = splitMessage(text, 80);
    expectValidChunks(chunks, 80);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks.slice(1, -1)) expect(c.startsWith('<b>')).toBe(true);
    expect(squash(chunks.map(visible).join(''))).toBe(squash(visible(text)));
    // Bold text stays bold in every chunk that carries part of it.
    for (const c of chunks) {
      const parsed = parseHtml(c);
      if (parsed.text.includes('كلمة')) expect(parsed.entities.some((e) => e.type === 'bold')).toBe(true);
    }
  });

  it('re-opens a link with its attributes', () => {
    const text = `<a href="https://example.com/?a=1&amp;b=2">${'رابط طويل '.repeat(30).trim()}</a>`;
    const chunks = splitMessage(text, 120);
    expectValidChunks(chunks, 120);
    for (const c of chunks) {
      expect(c.startsWith('<a href="https://example.com/?a=1&amp;b=2">')).toBe(true);
      expect(parseHtml(c).entities[0]).toMatchObject({ type: 'text_link', url: 'https://example.com/?a=1&b=2' });
    }
  });

  it('never cuts inside an entity or a tag', () => {
    const text = '&amp;&lt;&gt;&quot;&#1575;'.repeat(100);
    for (const limit of [7, 13, 50, 101]) {
      const chunks = splitMessage(text, limit);
      expectValidChunks(chunks, limit);
      expect(chunks.map(visible).join('')).toBe(visible(text));
    }
    const tags = '<b>x</b><i>y</i>'.repeat(40);
    const chunks = splitMessage(tags, 30);
    expectValidChunks(chunks, 30);
    expect(chunks.map(visible).join('')).toBe('xy'.repeat(40));
  });

  it('never splits a surrogate pair', () => {
    const text = '😀🕌📰'.repeat(50);
    for (const limit of [5, 9, 64]) {
      const chunks = splitMessage(text, limit);
      expectValidChunks(chunks, limit);
      expect(chunks.join('')).toBe(text);
    }
  });

  it('avoids cutting inside a bidi isolate when a better cut exists', () => {
    const run = '\u2068Sergei Viktorovich Lavrov of the Russian Federation\u2069';
    const text = `قال ${run} اليوم إن `.repeat(8);
    const chunks = splitMessage(text, 150);
    expectValidChunks(chunks, 150);
    for (const c of chunks) expect(c.split('\u2068').length).toBe(c.split('\u2069').length);
  });

  it('keeps every chunk valid for random well-formed input', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['كلمة', 'word', ' ', ' ', '\n', '\n\n', '&amp;', '&lt;', '😀', '2021-10-13', '\u2068CSTO\u2069'];
    const gen = (depth: number): string => {
      let out = '';
      const n = 1 + rand(12);
      for (let i = 0; i < n; i++) {
        const r = rand(10);
        if (r === 0 && depth < 3) out += `<b>${gen(depth + 1)}</b>`;
        else if (r === 1 && depth < 3) out += `<i>${gen(depth + 1)}</i>`;
        else if (r === 2 && depth < 3) out += `<code>${gen(depth + 1)}</code>`;
        else out += pieces[rand(pieces.length)];
      }
      return out;
    };
    for (let round = 0; round < 200; round++) {
      const html = Array.from({ length: 10 }, () => gen(0)).join('');
      if (visible(html).trim() === '') continue;
      // The limit must leave room for the deepest re-opened tags plus one character.
      const limit = 80 + rand(200);
      const chunks = splitMessage(html, limit);
      for (const chunk of chunks) {
        expect(chunk.length).toBeLessThanOrEqual(limit);
        expect(() => parseHtml(chunk)).not.toThrow();
      }
      expect(squash(chunks.map(visible).join(''))).toBe(squash(visible(html)));
    }
  });
});
