/**
 * The context type every handler sees: grammY's Context plus the bot's dependencies and the
 * language chosen for the user (see i18n.ts for the rule).
 */
import type { Context } from 'grammy';
import type { Config } from '../config.js';
import type { Archive } from '../archive/archive.js';
import type { Logger } from '../log.js';
import type { Lang, Messages } from './i18n.js';
import type { TaskTracker } from './tasks.js';

export interface BotDeps {
  config: Config;
  archive: Archive;
  log: Logger;
  /** When the process started, for /stats uptime. */
  startedAt: Date;
  /** Background work (update handlers, re-indexing) that shutdown waits for. */
  tasks: TaskTracker;
}

export interface BotFlavor {
  deps: BotDeps;
  /** Language from the user's Telegram settings; a question may override it for its reply. */
  lang: Lang;
  t: Messages;
  /** Set once the update's callback query has been answered (see track-callback-answer.ts). */
  callbackAnswered?: boolean;
}

export type BotContext = Context & BotFlavor;

/** Whether the sender is one of the configured administrators. */
export function isAdmin(ctx: BotContext): boolean {
  const id = ctx.from?.id;
  return id !== undefined && ctx.deps.config.telegram.adminIds.includes(id);
}
