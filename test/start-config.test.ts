/** `npm start` checks the bot's configuration before it compiles anything. */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

describe('npm start', () => {
  it('without a token says so in one line and exits 1 before the build', async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((done) =>
      execFile('npm', ['start'], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, TELEGRAM_BOT_TOKEN: '' } }, (err, stdout, stderr) =>
        done({ code: err ? Number(err.code ?? 1) : 0, output: stdout + stderr }),
      ),
    );
    expect(code).toBe(1);
    expect(output).toContain('invalid configuration: TELEGRAM_BOT_TOKEN is required to run the bot (get one from @BotFather)');
    expect(output).not.toContain('tsc -p tsconfig.build.json'); // the build's own echo: it never ran
  });
});
