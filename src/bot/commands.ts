/** The command menu, in English (default) and Arabic (language_code "ar"). */
import type { Api } from 'grammy';
import { messages, type CommandName } from './i18n.js';

const ORDER: CommandName[] = ['start', 'help', 'sources', 'stats', 'reindex', 'delete'];

export async function setCommands(api: Api): Promise<void> {
  const list = (lang: 'ar' | 'en') => ORDER.map((command) => ({ command, description: messages[lang].commands[command] }));
  await api.setMyCommands(list('en'));
  await api.setMyCommands(list('ar'), { language_code: 'ar' });
}
