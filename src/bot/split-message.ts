/**
 * Split a Telegram HTML message into chunks that each fit one message and are each valid HTML on
 * their own.
 *
 * Length is measured on the HTML source in UTF-16 code units. Telegram counts the text after
 * entity parsing, which is never longer, so a chunk that fits here always fits there.
 *
 * Rules:
 *  - a cut never falls inside a tag, an entity (&amp;) or a surrogate pair;
 *  - tags open at a cut are closed at the end of the chunk and re-opened (with their attributes)
 *    at the start of the next one, so bold stays bold across chunks;
 *  - cuts prefer, in order: a blank line (paragraph), a line break, a space, then anywhere; a
 *    preferred cut is only taken if it keeps the chunk at least a quarter full, so one early
 *    paragraph break does not produce a string of tiny messages;
 *  - cuts inside a bidi isolate (FSI … PDI) are avoided like cuts inside a word;
 *  - the whitespace at a cut is dropped; no chunk is empty.
 *
 * The input is expected to be well-formed (every tag closed, entities complete), as produced by
 * format.ts. Unknown or stray closing tags are passed through untouched.
 */

type Atom =
  | { kind: 'open'; raw: string; name: string }
  | { kind: 'close'; raw: string; name: string }
  | { kind: 'text'; raw: string };

const TOKEN = /<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/y;

function tokenize(html: string): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '<' || c === '&') {
      TOKEN.lastIndex = i;
      const m = TOKEN.exec(html);
      if (m !== null) {
        const raw = m[0];
        if (raw.startsWith('&')) atoms.push({ kind: 'text', raw });
        else atoms.push({ kind: raw.startsWith('</') ? 'close' : 'open', raw, name: m[1]!.toLowerCase() });
        i += raw.length;
        continue;
      }
    }
    const code = html.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < html.length ? 2 : 1;
    atoms.push({ kind: 'text', raw: html.slice(i, i + width) });
    i += width;
  }
  return atoms;
}

const closing = (stack: { name: string }[]) =>
  stack
    .slice()
    .reverse()
    .map((t) => `</${t.name}>`)
    .join('');
const closingLength = (stack: { name: string }[]) => stack.reduce((n, t) => n + t.name.length + 3, 0);

const isSpace = (a: Atom | undefined) => a !== undefined && a.kind === 'text' && /^\s$/.test(a.raw);
const isNewline = (a: Atom | undefined) => a !== undefined && a.kind === 'text' && a.raw === '\n';

/** Split `html` into chunks of at most `limit` UTF-16 units (default: Telegram's 4096). */
export function splitMessage(html: string, limit = 4096): string[] {
  if (html.length <= limit) return html.trim() === '' ? [] : [html];
  const atoms = tokenize(html);
  const chunks: string[] = [];
  let stack: OpenTag[] = [];
  let isolates = 0;
  let i = 0;

  while (i < atoms.length) {
    // Drop whitespace at the start of a chunk.
    while (i < atoms.length && isSpace(atoms[i])) i++;
    if (i >= atoms.length) break;

    const prefix = stack.map((t) => t.raw).join('');
    const cuts: Cut[] = [];
    let length = prefix.length;
    let work = stack;
    let iso = isolates;
    let j = i;
    for (; j < atoms.length; j++) {
      const a = atoms[j]!;
      const next = a.kind === 'open' ? [...work, { name: a.name, raw: a.raw }] : a.kind === 'close' ? popTag(work, a.name) : work;
      // Never leave a chunk empty: its first atom always goes in.
      if (j > i && length + a.raw.length + closingLength(next) > limit) break;
      length += a.raw.length;
      work = next;
      if (a.raw === '\u2066' || a.raw === '\u2067' || a.raw === '\u2068') iso++;
      else if (a.raw === '\u2069' && iso > 0) iso--;
      // A cut may follow a text atom or a closing tag, never an opening tag.
      if (a.kind === 'open') continue;
      const score = iso > 0 ? 0 : isNewline(a) && isNewline(atoms[j - 1]) ? 3 : isNewline(a) ? 2 : isSpace(a) ? 1 : 0;
      cuts.push({ at: j + 1, score, content: length - prefix.length, stack: work, isolates: iso });
    }

    let end: number;
    let endStack: OpenTag[];
    if (j >= atoms.length) {
      end = j;
      endStack = work;
      isolates = iso;
    } else {
      const cut = chooseCut(cuts, limit) ?? { at: j, stack: work, isolates: iso };
      end = cut.at;
      endStack = cut.stack;
      isolates = cut.isolates;
      // Closing tags right after the cut belong to this chunk (avoids an empty <b></b> next time).
      for (let a = atoms[end]; a !== undefined && a.kind === 'close' && endStack.at(-1)?.name === a.name; a = atoms[end]) {
        endStack = endStack.slice(0, -1);
        end++;
      }
    }

    let body = '';
    for (let k = i; k < end; k++) body += atoms[k]!.raw;
    const chunk = prefix + body.replace(/\s+$/u, '') + closing(endStack);
    if (chunk.replace(/<[^>]*>/g, '').trim() !== '') chunks.push(chunk);
    stack = endStack;
    i = end;
  }
  return chunks;
}

interface OpenTag {
  name: string;
  raw: string;
}

interface Cut {
  /** Atom index the next chunk starts at. */
  at: number;
  /** 3 paragraph, 2 line, 1 space, 0 anywhere. */
  score: number;
  /** Units of content (without re-opened tags) the chunk would hold. */
  content: number;
  stack: OpenTag[];
  isolates: number;
}

/** Best-scored cut that keeps the chunk at least a quarter full; the latest one among equals. */
function chooseCut(cuts: Cut[], limit: number): Cut | undefined {
  const useful = cuts.filter((c) => c.content >= limit / 4);
  const pool = useful.length > 0 ? useful : cuts;
  let best = pool[0];
  for (const c of pool) if (best === undefined || c.score >= best.score) best = c;
  return best;
}

function popTag(stack: OpenTag[], name: string): OpenTag[] {
  const at = stack.map((t) => t.name).lastIndexOf(name);
  return at === -1 ? stack : stack.slice(0, at);
}
