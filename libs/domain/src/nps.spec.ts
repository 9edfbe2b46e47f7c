import fc from 'fast-check';
import { classify, npsFigure } from './nps.js';

describe('classify', () => {
  it.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ])('classifies %i as a %s', (score, expected) => {
    expect(classify(score)).toBe(expected);
  });

  it.each([-1, 11, 10.5, Number.NaN])('refuses %p, which is not a score', (score) => {
    expect(() => classify(score)).toThrow(RangeError);
  });
});

describe('npsFigure', () => {
  it('computes NPS and the 95 % margin of error of a known sample', () => {
    // 5 promoters, 3 passives, 2 detractors: NPS = 30; variance = 0.5 + 0.2 − 0.3² = 0.61.
    const figure = npsFigure({ promoters: 5, passives: 3, detractors: 2 }, 30);
    expect(figure.responses).toBe(10);
    expect(figure.nps).toBe(30);
    expect(figure.marginOfError95).toBeCloseTo(1.96 * Math.sqrt(0.61 / 10) * 100, 0);
    expect(figure.marginOfError95).toBe(48.4);
    expect(figure.lowSample).toBe(true);
  });

  it('has no NPS and no margin without answers', () => {
    expect(npsFigure({ promoters: 0, passives: 0, detractors: 0 }, 30)).toMatchObject({
      responses: 0,
      nps: null,
      marginOfError95: null,
      lowSample: true,
    });
  });

  it('is not low-sample at the minimum sample', () => {
    expect(npsFigure({ promoters: 30, passives: 0, detractors: 0 }, 30).lowSample).toBe(false);
    expect(npsFigure({ promoters: 29, passives: 0, detractors: 0 }, 30).lowSample).toBe(true);
  });

  const counts = fc.record({
    promoters: fc.nat(5000),
    passives: fc.nat(5000),
    detractors: fc.nat(5000),
  });

  it('stays within −100 and +100 with a margin that is never negative', () => {
    fc.assert(
      fc.property(counts, (sample) => {
        const figure = npsFigure(sample, 30);
        if (figure.responses === 0) return figure.nps === null;
        return figure.nps! >= -100 && figure.nps! <= 100 && figure.marginOfError95! >= 0;
      }),
    );
  });

  it('halves its margin when the same mix is four times as large', () => {
    fc.assert(
      fc.property(counts, (sample) => {
        const small = npsFigure(sample, 30);
        fc.pre(small.responses > 0 && small.marginOfError95! > 1);
        const large = npsFigure(
          {
            promoters: sample.promoters * 4,
            passives: sample.passives * 4,
            detractors: sample.detractors * 4,
          },
          30,
        );
        return Math.abs(large.marginOfError95! - small.marginOfError95! / 2) <= 0.1;
      }),
    );
  });

  it('has no margin when everybody gives the same answer', () => {
    expect(npsFigure({ promoters: 12, passives: 0, detractors: 0 }, 30)).toMatchObject({
      nps: 100,
      marginOfError95: 0,
    });
    expect(npsFigure({ promoters: 0, passives: 0, detractors: 12 }, 30)).toMatchObject({
      nps: -100,
      marginOfError95: 0,
    });
  });
});
