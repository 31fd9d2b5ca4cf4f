import { describe, expect, it } from 'vitest';
import { DEFAULT_RANKING, parseRankingSetting, RANKING_KNOBS, rankingOptions } from '../src/search/ranking-options.js';

describe('ranking options', () => {
  it('every default lies in its own safe range', () => {
    for (const [key, knob] of Object.entries(RANKING_KNOBS)) {
      expect(knob.default, key).toBeGreaterThanOrEqual(knob.min);
      expect(knob.default, key).toBeLessThanOrEqual(knob.max);
      expect(DEFAULT_RANKING[key as keyof typeof DEFAULT_RANKING]).toBe(knob.default);
    }
    expect(Object.isFrozen(DEFAULT_RANKING)).toBe(true);
  });

  it('overrides are checked against the safe ranges', () => {
    expect(rankingOptions({ rootCredit: 0.25 })).toMatchObject({ rootCredit: 0.25, formCredit: DEFAULT_RANKING.formCredit });
    expect(() => rankingOptions({ formCredit: 0.05 })).toThrow('formCredit must be a number from 0.3 to 1, got 0.05');
    expect(() => rankingOptions({ candidates: 20.5 })).toThrow('candidates must be a whole number');
    expect(() => rankingOptions({ titleCredit: Number.NaN })).toThrow('titleCredit');
  });

  it('parses key=value settings', () => {
    expect(parseRankingSetting('rootCredit=0')).toEqual({ rootCredit: 0 });
    expect(parseRankingSetting(' idfExponent = 1 ')).toEqual({ idfExponent: 1 });
    expect(() => parseRankingSetting('rootCredit')).toThrow('expected key=value');
    expect(() => parseRankingSetting('rootCredit=abc')).toThrow('rootCredit must be a number');
    expect(() => parseRankingSetting('speed=11')).toThrow('unknown ranking option "speed"');
  });
});
