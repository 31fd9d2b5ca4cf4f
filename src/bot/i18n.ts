/**
 * The bot's words, in Arabic and English. Every message is a function returning Telegram HTML, so
 * the catalogue is the single place where dynamic values are escaped (`escapeHtml`) and isolated
 * (`isolate`) before they meet fixed text.
 *
 * Choosing the language — one rule, applied everywhere:
 *  - for a question (or inline query), the script of the question decides: more Latin letters
 *    than Arabic ones → English, otherwise (at least one Arabic letter) → Arabic; a question with
 *    no letters at all falls back to the user's Telegram language;
 *  - for everything else (commands, buttons, errors) the user's Telegram language decides:
 *    a language_code starting with "ar" → Arabic, anything else or none → English.
 */
import type { IndexReport } from '../types.js';
import type { ArchiveStats, ArticleInfo } from '../archive/archive.js';
import { escapeHtml, isolate, LRM, prose, RLM, scriptCounts } from './html.js';
import { cleanLabel } from '../ingest/bidi.js';
import { formatBytes } from './units.js';

export type Lang = 'ar' | 'en';

/** Language of the Telegram client (language_code), as described above. */
export function langFromCode(code: string | undefined): Lang {
  return code?.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

/** Language of a question by its letters, or undefined when it has none. */
export function langOfText(text: string): Lang | undefined {
  const { arabic, latin } = scriptCounts(text);
  if (latin > arabic) return 'en';
  if (arabic > 0) return 'ar';
  return undefined;
}

export type CommandName = 'start' | 'help' | 'sources' | 'stats' | 'reindex' | 'delete';

/** What the start/help text says about the archive. */
export interface AboutView {
  stats: ArchiveStats;
  outlets: string;
  botUsername: string;
  isAdmin: boolean;
}

export interface Messages {
  lang: Lang;
  /** Direction mark opening lines whose first strong character may sit in an isolate. */
  mark: string;
  listSeparator: string;
  andMore(n: number): string;
  commands: Record<CommandName, string>;

  start(firstName: string | undefined, about: AboutView): string;
  help(about: AboutView): string;

  answerHeader(question: string, from: number, to: number, total: number): string;
  notFound(question: string): string;
  /** An English question the archive cannot read (Answer.unread), with what would make it readable. */
  englishUnread: string;
  /** A line under the results naming question words none of them holds (already a list). */
  unmatched(words: string): string;
  /** The other outlets that ran a cited passage (wire copies), listed. */
  alsoIn(outlets: string): string;
  /** Under an answer in hybrid mode: passages without a vector yet, matched by their words only (Answer.unembedded). */
  unembedded(passages: number): string;
  emptyQuestion(botUsername: string): string;
  questionTooLong(max: number): string;
  textOnly: string;
  moreResults: string;
  previous: string;
  next: string;
  fullParagraph(n: number): string;
  wholeArticle(n: number): string;
  unknownOutlet: string;
  undated: string;
  untitled: string;
  expired: string;
  articleGone: string;
  articleTruncated(shown: number, total: number): string;

  /** Answer to a button press over the rate limit. */
  rateLimited: string;
  /** The messages the rate limit did not take, named by their text or file name (undefined: neither). */
  notTaken(labels: readonly (string | undefined)[]): string;
  apology: string;
  /** A change refused for want of disk space (StorageFullError): nothing changed. */
  diskFull: string;
  adminOnly: string;
  unknownCommand: string;

  uploadWrongType(exts: string[]): string;
  uploadTooLarge(size: number, max: number): string;
  uploadFailed: string;
  uploadRefused(reason: string): string;
  uploadAdded(file: string, articles: ArticleInfo[], warnings?: readonly string[]): string;
  /** Shown when an upload outlasts a couple of seconds; the outcome later replaces it. */
  uploadIndexing(file: string): string;

  reindexAlreadyRunning: string;
  reindexStarted: string;
  reindexProgress(p: IndexProgress): string;
  /** The passages without a vector being embedded, after the files (hybrid mode). */
  embedProgress(p: EmbedProgress): string;
  reindexDone(report: IndexReport, seconds: number): string;
  reindexFailed: string;

  stats(stats: ArchiveStats, uptime: string): string;
  deleteUsage: string;
  deleted(articles: ArticleInfo[]): string;
  deleteNotFound(arg: string): string;
  /** An article id whose file holds other articles: nothing deleted, all of them named. */
  deleteWholeFile(file: string, articles: ArticleInfo[]): string;
  sourcesHeader(total: number, page: number, pages: number): string;
  sourcesEmpty: string;
}

/** A re-index so far: files done of total, passages written per second, files that failed. */
export interface IndexProgress {
  done: number;
  total: number;
  perSecond: number;
  failed: number;
}

export interface EmbedProgress {
  done: number;
  total: number;
  perSecond: number;
  /** null until a rate is known. */
  minutesLeft: number | null;
}

/** A number or other Latin-script value placed inside Arabic text. */
const n = (value: number | string) => isolate(String(value));
const e = (text: string) => escapeHtml(isolate(text));
/** A file name as shown: direction controls dropped (a name must not spoof or hide), then escaped. */
const fileName = (file: string) => e(cleanLabel(file));
/** What reading an uploaded file had to repair (the warning text comes from ingest, in English). */
const repairs = (warnings: readonly string[]) => warnings.map((w) => `\n\n⚠️ ${e(w)}`).join('');
const EXAMPLE = 'ماذا قال لافروف عن أفغانستان؟';
const MAX_FAILURES_LISTED = 10;

function failures(report: IndexReport): string {
  const shown = report.failed.slice(0, MAX_FAILURES_LISTED).map((f) => `\n• ${fileName(f.file)} — ${e(f.reason)}`);
  const more = report.failed.length - shown.length;
  return shown.join('') + (more > 0 ? `\n• … +${more}` : '');
}

const MAX_NOT_TAKEN_LISTED = 10;

/** One line per message not taken: its label in quotes (or `unnamed`), the rest counted. */
function notTakenList(labels: readonly (string | undefined)[], unnamed: string, t: Pick<Messages, 'andMore'>): string {
  const shown = labels.slice(0, MAX_NOT_TAKEN_LISTED).map((l) => `\n• ${l === undefined ? unnamed : `«${e(l)}»`}`);
  const more = labels.length - shown.length;
  return shown.join('') + (more > 0 ? `\n•${t.andMore(more)}` : '');
}

const en: Messages = {
  lang: 'en',
  mark: LRM,
  listSeparator: ', ',
  andMore: (k) => ` and ${k} more`,
  commands: {
    start: 'Introduction',
    help: 'How to ask, and what the archive holds',
    sources: 'List the archived articles (admins)',
    stats: 'Archive statistics (admins)',
    reindex: 'Re-index the archive (admins)',
    delete: 'Delete an article (admins)',
  },

  start: (name, about) =>
    `👋 Hello${name ? `, ${e(name)}` : ''}! I answer questions about a news archive with ` +
    `<b>verbatim excerpts and their sources</b> — I never make up an answer.\n\n${en.help(about)}`,
  help: (a) => {
    const s = a.stats;
    const range = s.dateFrom && s.dateTo ? ` from ${e(s.dateFrom)} to ${e(s.dateTo)}` : '';
    const holds =
      s.articles === 0
        ? '📚 The archive is empty for now.'
        : `📚 The archive holds <b>${s.articles}</b> article${s.articles === 1 ? '' : 's'} (${s.passages} passages)${range}.` +
          (a.outlets ? `\n🗞 Outlets: ${a.outlets}.` : '');
    const admin = a.isAdmin
      ? '\n\n🔧 Admin: send a .txt, .md or .html file to add it; /reindex, /stats, /sources, /delete &lt;id&gt;.'
      : '';
    return (
      `${holds}\n\n✍️ Just send me a question. The archive is in Arabic, so Arabic questions work best, ` +
      `e.g. <i>${EXAMPLE}</i>\n👥 In a group, mention me (@${escapeHtml(a.botUsername)}) or reply to one of my messages.\n` +
      `🔎 In any chat, type @${escapeHtml(a.botUsername)} followed by your question.${admin}`
    );
  },

  answerHeader: (q, from, to, total) => `🔎 <b>${prose(q)}</b>\nResults ${from}–${to} of ${total}:`,
  unmatched: (w) => `🔍 Not in these passages: <i>${w}</i>`,
  alsoIn: (outlets) => `🔁 Also in: ${outlets}`,
  unembedded: (p) => `⏳ ${p.toLocaleString('en')} passages are not embedded yet (a re-index embeds them): they were matched by their words only, not by meaning.`,
  englishUnread: '🔤 This archive cannot read English questions yet: it needs the embedding model or the English–Arabic dictionary (the admin installs them). Ask in Arabic.',
  notFound: (q) =>
    `🤷 I found nothing in the archive that answers “${prose(q)}”.\n` +
    'Try other words — the archive is in Arabic, so Arabic questions work best.',
  emptyQuestion: (u) => `Yes? Write your question after mentioning me, e.g. @${escapeHtml(u)} ${EXAMPLE}`,
  questionTooLong: (max) => `✂️ That question is too long — please keep it under ${max} characters.`,
  textOnly: 'Please send your question as a text message. /help explains how.',
  moreResults: 'More results ▶',
  previous: '◀ Previous',
  next: 'Next ▶',
  fullParagraph: (k) => `¶ Paragraph ${k}`,
  wholeArticle: (k) => `📄 Article ${k}`,
  unknownOutlet: 'unknown outlet',
  undated: 'undated',
  untitled: 'Untitled',
  expired: 'These results have expired — please ask again.',
  articleGone: 'That article is no longer in the archive.',
  articleTruncated: (shown, total) => `… (showing the first ${shown} of ${total} parts)`,

  rateLimited: '⏳ You are sending messages a bit fast — please wait a minute, then try again.',
  notTaken: (labels) =>
    `⏳ You are sending messages a bit fast, so I did not take ${labels.length === 1 ? 'this one' : `these ${labels.length}`}:` +
    notTakenList(labels, 'a message without text', en) +
    '\nPlease wait a minute, then send again what you still need.',
  apology: '😔 Sorry, something went wrong while handling that. Please try again.',
  diskFull: '💾 The server’s disk is full: nothing was changed. Free some space, then send it again.',
  adminOnly: '🔒 Sorry, only the archive administrators can do that.',
  unknownCommand: 'I don’t know that command. Send /help to see what I can do.',

  uploadWrongType: (exts) => `📎 I can only add ${exts.map(e).join(', ')} files.`,
  uploadTooLarge: (size, max) => `📦 That file is too large (${e(formatBytes(size))}; the limit is ${e(formatBytes(max))}).`,
  uploadFailed: '😔 I could not download that file from Telegram. Please try again.',
  uploadRefused: (reason) => `⛔ File refused: ${escapeHtml(reason)}`,
  uploadAdded: (file, articles, warnings = []) =>
    `✅ Added <b>${fileName(file)}</b> — ${articles.length} article${articles.length === 1 ? '' : 's'}:` +
    articles
      .map(
        (a) =>
          `\n\n• <b>${e(a.title)}</b>\n${LRM}${e(a.source ?? 'unknown outlet')} · ${e(a.date ?? 'undated')} · ` +
          `${a.passages} passage${a.passages === 1 ? '' : 's'} · id <code>${escapeHtml(a.id)}</code>`,
      )
      .join('') +
    repairs(warnings),

  uploadIndexing: (file) => `⏳ Indexing <b>${fileName(file)}</b>… questions are still answered meanwhile.`,

  reindexAlreadyRunning: '⏳ A re-index is already running; I will report when it finishes.',
  reindexStarted: '🔄 Re-indexing the archive… questions are still answered meanwhile.',
  reindexProgress: (p) =>
    `🔄 Re-indexing… ${p.done}/${p.total} files · ${Math.round(p.perSecond)} passages/s` +
    (p.failed > 0 ? ` · ${p.failed} failed` : ''),
  embedProgress: (p) =>
    `🧠 Embedding… ${p.done}/${p.total} passages · ${Math.round(p.perSecond)} passages/s` +
    (p.minutesLeft === null ? '' : ` · about ${Math.ceil(p.minutesLeft)} min left`) +
    '\nQuestions are answered by words meanwhile.',
  reindexDone: (r, secs) =>
    `✅ Re-index finished in ${secs.toFixed(1)} s.\n` +
    `Added: ${r.added} · Updated: ${r.updated} · Removed: ${r.removed} · Unchanged: ${r.unchanged} · Failed: ${r.failed.length}\n` +
    `Now: ${r.articles} articles, ${r.passages} passages (${r.mode} search).` +
    (r.withheld
      ? `\n⚠️ ${r.withheld.files} of the ${r.withheld.of} indexed files are gone from the data folder: they stay indexed, as the folder may not be mounted. If they were removed on purpose: /reindex remove-missing`
      : '') +
    failures(r),
  reindexFailed: '😔 The re-index failed; the details are in the log.',

  stats: (s, uptime) =>
    '📊 <b>Archive</b>\n' +
    `Articles: ${s.articles}\nPassages: ${s.passages}\n` +
    `Dates: ${s.dateFrom && s.dateTo ? `${e(s.dateFrom)} – ${e(s.dateTo)}` : 'unknown'}\n` +
    `Outlets: ${s.sources.length}\nIndex size: ${formatBytes(s.indexBytes)}\n` +
    `Search mode: ${s.mode === 'hybrid' ? 'hybrid (semantic + lexical)' : 'lexical'}\n` +
    `English questions: ${s.english === 'model' ? 'read by the model' : s.english === 'dictionary' ? 'read through the dictionary' : 'not read (build the model, or install dict-freedict-eng-ara)'}\nUptime: ${uptime}`,
  deleteUsage: 'Usage: /delete &lt;article id or file name&gt;\nSee /sources for the ids.',
  deleted: (list) =>
    `🗑 Deleted ${list.length} article${list.length === 1 ? '' : 's'}:` +
    list.map((a) => `\n• ${e(a.title)} (<code>${escapeHtml(a.id)}</code>)`).join(''),
  deleteNotFound: (arg) => `Nothing in the archive matches <code>${escapeHtml(arg)}</code>. See /sources.`,
  deleteWholeFile: (file, list) =>
    `Nothing deleted: this article is in the file <code>${escapeHtml(file)}</code> with ${list.length - 1} other${list.length === 2 ? '' : 's'}, and a file goes as a whole:` +
    list.map((a) => `\n• ${e(a.title)} (<code>${escapeHtml(a.id)}</code>)`).join('') +
    `\nTo delete all ${list.length}: /delete ${escapeHtml(file)}`,
  sourcesHeader: (total, page, pages) => `📚 <b>Articles</b> (${total}) — page ${page}/${pages}`,
  sourcesEmpty: 'The archive is empty.',
};

const ar: Messages = {
  lang: 'ar',
  mark: RLM,
  listSeparator: '، ',
  andMore: (k) => ` و${n(k)} غيرها`,
  commands: {
    start: 'التعريف بالبوت',
    help: 'طريقة السؤال ومحتوى الأرشيف',
    sources: 'قائمة المقالات المؤرشفة (للمشرفين)',
    stats: 'إحصاءات الأرشيف (للمشرفين)',
    reindex: 'إعادة فهرسة الأرشيف (للمشرفين)',
    delete: 'حذف مقال (للمشرفين)',
  },

  start: (name, about) =>
    `👋 أهلًا${name ? ` ${e(name)}` : ''}! أجيب عن الأسئلة من أرشيف إخباري ` +
    `<b>بمقتطفات حرفية مع ذكر مصادرها</b>، ولا أختلق أي إجابة.\n\n${ar.help(about)}`,
  help: (a) => {
    const s = a.stats;
    const range = s.dateFrom && s.dateTo ? `، من ${e(s.dateFrom)} إلى ${e(s.dateTo)}` : '';
    const holds =
      s.articles === 0
        ? '📚 الأرشيف فارغ حاليًا.'
        : `📚 عدد المقالات في الأرشيف: <b>${n(s.articles)}</b> (عدد الفقرات: ${n(s.passages)})${range}.` +
          (a.outlets ? `\n🗞 المصادر: ${a.outlets}.` : '');
    const admin = a.isAdmin
      ? `\n\n🔧 للمشرفين: أرسل ملف ${n('.txt')} أو ${n('.md')} أو ${n('.html')} لإضافته؛ ` +
        '/reindex و/stats و/sources و/delete'
      : '';
    return (
      `${holds}\n\n✍️ أرسل سؤالك مباشرة، مثل: <i>${EXAMPLE}</i>\n` +
      `👥 في المجموعات، اذكرني (${n('@' + escapeHtml(a.botUsername))}) أو ردّ على إحدى رسائلي.\n` +
      `🔎 في أي محادثة، اكتب ${n('@' + escapeHtml(a.botUsername))} ثم سؤالك.${admin}`
    );
  },

  answerHeader: (q, from, to, total) => `🔎 <b>${prose(q)}</b>\nالنتائج ${n(`${from}–${to}`)} من ${n(total)}:`,
  unmatched: (w) => `🔍 لم يرد في هذه المقاطع: <i>${w}</i>`,
  alsoIn: (outlets) => `🔁 ورد أيضًا في: ${outlets}`,
  unembedded: (p) => `⏳ ${n(p)} من المقاطع لم تُضمَّن بعد (تضمّنها إعادة الفهرسة): طوبقت بكلماتها فقط، لا بمعناها.`,
  notFound: (q) => `🤷 لم أجد في الأرشيف ما يجيب عن «${prose(q)}».\nجرّب صياغة أخرى أو كلمات مختلفة.`,
  englishUnread: '🔤 لا يستطيع هذا الأرشيف قراءة الأسئلة بالإنجليزية بعد: يلزمه نموذج التضمين أو القاموس الإنجليزي العربي (يثبّتهما المشرف). اسأل بالعربية.',
  emptyQuestion: (u) => `نعم؟ اكتب سؤالك بعد ذكر اسمي، مثل: ${n('@' + escapeHtml(u))} ${EXAMPLE}`,
  questionTooLong: (max) => `✂️ السؤال طويل جدًا، والحد الأقصى ${n(max)} حرف.`,
  textOnly: 'يُرجى إرسال سؤالك في رسالة نصية. الأمر /help يشرح الطريقة.',
  moreResults: 'مزيد من النتائج ◀',
  previous: '▶ السابق',
  next: 'التالي ◀',
  fullParagraph: (k) => `¶ الفقرة ${k}`,
  wholeArticle: (k) => `📄 المقال ${k}`,
  unknownOutlet: 'مصدر غير معروف',
  undated: 'بلا تاريخ',
  untitled: 'بلا عنوان',
  expired: 'انتهت صلاحية هذه النتائج، يُرجى إعادة طرح السؤال.',
  articleGone: 'لم يعد هذا المقال موجودًا في الأرشيف.',
  articleTruncated: (shown, total) => `… (عُرضت الأجزاء الأولى: ${n(shown)} من ${n(total)})`,

  rateLimited: '⏳ ترسل الرسائل بسرعة كبيرة، يُرجى الانتظار دقيقة ثم المحاولة مجددًا.',
  notTaken: (labels) =>
    `⏳ ترسل الرسائل بسرعة كبيرة، فلم أتناول ${labels.length === 1 ? 'هذه الرسالة' : `هذه الرسائل (${n(labels.length)})`}:` +
    notTakenList(labels, 'رسالة بلا نص', ar) +
    '\nيُرجى الانتظار دقيقة، ثم إعادة إرسال ما زلت تحتاج إليه.',
  apology: '😔 عذرًا، حدث خطأ أثناء معالجة طلبك. يُرجى المحاولة مرة أخرى.',
  diskFull: '💾 قرص الخادم ممتلئ: لم يتغير شيء. حرّر بعض المساحة ثم أرسله مرة أخرى.',
  adminOnly: '🔒 عذرًا، هذا الإجراء متاح لمشرفي الأرشيف فقط.',
  unknownCommand: 'لا أعرف هذا الأمر. أرسل /help لمعرفة ما يمكنني فعله.',

  uploadWrongType: (exts) => `📎 لا أقبل إلا ملفات ${exts.map(e).join(' أو ')}.`,
  uploadTooLarge: (size, max) => `📦 الملف كبير جدًا (${e(formatBytes(size))}، والحد الأقصى ${e(formatBytes(max))}).`,
  uploadFailed: '😔 تعذّر تنزيل الملف من تيليجرام. يُرجى المحاولة مرة أخرى.',
  uploadRefused: (reason) => `⛔ رُفض الملف: ${e(reason)}`,
  uploadAdded: (file, articles, warnings = []) =>
    `✅ أُضيف الملف <b>${fileName(file)}</b> — عدد المقالات: ${n(articles.length)}` +
    articles
      .map(
        (a) =>
          `\n\n• <b>${e(a.title)}</b>\n${RLM}${e(a.source ?? 'مصدر غير معروف')} · ${e(a.date ?? 'بلا تاريخ')} · ` +
          `عدد الفقرات: ${n(a.passages)} · المعرّف <code>${escapeHtml(a.id)}</code>`,
      )
      .join('') +
    repairs(warnings),

  uploadIndexing: (file) => `⏳ جارٍ فهرسة <b>${fileName(file)}</b>… ويمكن طرح الأسئلة في أثناء ذلك.`,

  reindexAlreadyRunning: '⏳ إعادة الفهرسة جارية بالفعل، وسأبلغك عند انتهائها.',
  reindexStarted: '🔄 جارٍ إعادة فهرسة الأرشيف… ويمكن طرح الأسئلة في أثناء ذلك.',
  reindexProgress: (p) =>
    `🔄 جارٍ إعادة الفهرسة… الملفات: ${n(`${p.done}/${p.total}`)} · الفقرات في الثانية: ${n(Math.round(p.perSecond))}` +
    (p.failed > 0 ? ` · فشل: ${n(p.failed)}` : ''),
  embedProgress: (p) =>
    `🧠 جارٍ حساب المتجهات… الفقرات: ${n(`${p.done}/${p.total}`)} · في الثانية: ${n(Math.round(p.perSecond))}` +
    (p.minutesLeft === null ? '' : ` · يبقى نحو ${n(Math.ceil(p.minutesLeft))} دقيقة`) +
    '\nتُجاب الأسئلة بمطابقة الكلمات إلى أن ينتهي.',
  reindexDone: (r, secs) =>
    `✅ اكتملت إعادة الفهرسة في ${n(secs.toFixed(1))} ث.\n` +
    `أُضيف: ${n(r.added)} · حُدّث: ${n(r.updated)} · حُذف: ${n(r.removed)} · دون تغيير: ${n(r.unchanged)} · فشل: ${n(r.failed.length)}\n` +
    `المجموع الآن: المقالات ${n(r.articles)}، الفقرات ${n(r.passages)} (البحث: ${r.mode === 'hybrid' ? 'هجين' : 'معجمي'}).` +
    (r.withheld
      ? `\n⚠️ غاب ${n(r.withheld.files)} من ${n(r.withheld.of)} ملفًا مفهرسًا عن مجلد البيانات: أُبقيت في الفهرس، فلعل المجلد غير موصول. وإن كان حذفها مقصودًا: /reindex remove-missing`
      : '') +
    failures(r),
  reindexFailed: '😔 فشلت إعادة الفهرسة، والتفاصيل في السجل.',

  stats: (s, uptime) =>
    '📊 <b>الأرشيف</b>\n' +
    `المقالات: ${n(s.articles)}\nالفقرات: ${n(s.passages)}\n` +
    `التواريخ: ${s.dateFrom && s.dateTo ? `من ${e(s.dateFrom)} إلى ${e(s.dateTo)}` : 'غير معروفة'}\n` +
    `المصادر: ${n(s.sources.length)}\nحجم الفهرس: ${e(formatBytes(s.indexBytes))}\n` +
    `وضع البحث: ${s.mode === 'hybrid' ? 'هجين (دلالي + معجمي)' : 'معجمي'}\n` +
    `الأسئلة بالإنجليزية: ${s.english === 'model' ? 'يقرؤها النموذج' : s.english === 'dictionary' ? 'تُقرأ بالقاموس' : 'لا تُقرأ (ابنِ النموذج أو ثبّت dict-freedict-eng-ara)'}\nمدة التشغيل: ${e(uptime)}`,
  deleteUsage: 'الاستخدام: /delete &lt;معرّف المقال أو اسم الملف&gt;\nراجع /sources لمعرفة المعرّفات.',
  deleted: (list) =>
    `🗑 حُذفت المقالات التالية (${n(list.length)}):` +
    list.map((a) => `\n• ${e(a.title)} (<code>${escapeHtml(a.id)}</code>)`).join(''),
  deleteNotFound: (arg) => `لا يوجد في الأرشيف ما يطابق <code>${escapeHtml(arg)}</code>. راجع /sources.`,
  deleteWholeFile: (file, list) =>
    `لم يُحذف شيء: هذا المقال في الملف <code>${escapeHtml(file)}</code> مع مقالات أخرى (${n(list.length - 1)})، والملف يُحذف كله:` +
    list.map((a) => `\n• ${e(a.title)} (<code>${escapeHtml(a.id)}</code>)`).join('') +
    `\nلحذفها كلها (${n(list.length)}): /delete ${escapeHtml(file)}`,
  sourcesHeader: (total, page, pages) => `📚 <b>المقالات</b> (${n(total)}) — الصفحة ${n(page)} من ${n(pages)}`,
  sourcesEmpty: 'الأرشيف فارغ.',
};

export const messages: Record<Lang, Messages> = { ar, en };
