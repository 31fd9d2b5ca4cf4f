/**
 * ADMIN_IDS: Telegram user ids have at most 52 significant bits, so every valid one is read exactly;
 * anything else (too large to be an id — and above 2^53 silently rounded by Number —, not a whole
 * positive number) stops the bot with one configuration line instead of making someone else an admin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { startBotProcess } from './support/bot-process.js';

const MAX_ID = '4503599627370495'; // 2^52 - 1

describe('ADMIN_IDS', () => {
  it.each([
    { raw: '', ids: [] },
    { raw: '123, 456', ids: [123, 456] },
    { raw: MAX_ID, ids: [2 ** 52 - 1] },
  ])('reads "$raw" exactly', ({ raw, ids }) => {
    expect(loadConfig({ ADMIN_IDS: raw }).telegram.adminIds).toEqual(ids);
  });

  it.each(['9007199254740993', '4503599627370496', '123456789012345678901', '0', '-5', '12.5', '1e5', '0x10', 'huda'])(
    'refuses "%s" with one line naming it',
    (bad) => {
      const load = () => loadConfig({ ADMIN_IDS: `123,${bad}` });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(new RegExp(`^invalid configuration: ADMIN_IDS not a Telegram user id \\(a whole number from 1 to ${MAX_ID}\\): ${bad.replace('.', '\\.')}$`));
    },
  );

  it('stops the bot before it starts, with that line alone and exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanad-config-'));
    const bot = startBotProcess({
      apiRoot: 'http://127.0.0.1:9',
      token: '123456:TEST-token-abcdefghij',
      dataDir: join(dir, 'data'),
      indexDir: join(dir, 'index'),
      env: { ADMIN_IDS: '9007199254740993' },
    });
    try {
      const { code } = await bot.exited;
      expect(code).toBe(1);
      expect(bot.output().trim().split('\n')).toEqual([
        `invalid configuration: ADMIN_IDS not a Telegram user id (a whole number from 1 to ${MAX_ID}): 9007199254740993`,
      ]);
    } finally {
      bot.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
