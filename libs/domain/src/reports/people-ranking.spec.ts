import fc from 'fast-check';
import { rankPeople } from './people-ranking.js';

const person = (employeeId: string, responses: number, nps: number | null, tens = 0) => ({
  employeeId,
  responses,
  nps,
  tens,
});

describe('ranking people', () => {
  it('ranks from the minimum sample up, by NPS, then 10s, then id', () => {
    const { ranked, notEnoughAnswers } = rankPeople(
      [
        person('e-4', 30, 40, 2),
        person('e-2', 31, 40, 5),
        person('e-1', 50, 10, 9),
        person('e-3', 30, 40, 2),
        person('e-5', 29, 100, 29),
      ],
      30,
    );
    expect(ranked.map((row) => row.employeeId)).toEqual(['e-2', 'e-3', 'e-4', 'e-1']);
    expect(notEnoughAnswers.map((row) => row.employeeId)).toEqual(['e-5']);
  });

  it('never ranks anyone under the sample, and loses or repeats no one', () => {
    const rows = fc.array(
      fc.record({
        employeeId: fc.string({ minLength: 1, maxLength: 4 }),
        responses: fc.integer({ min: 0, max: 60 }),
        nps: fc.option(fc.integer({ min: -100, max: 100 })),
        tens: fc.integer({ min: 0, max: 60 }),
      }),
    );
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 50 }), (people, minimumSample) => {
        const { ranked, notEnoughAnswers } = rankPeople(people, minimumSample);
        expect(ranked.length + notEnoughAnswers.length).toBe(people.length);
        expect(ranked.every((row) => row.responses >= minimumSample)).toBe(true);
        expect(notEnoughAnswers.every((row) => row.responses < minimumSample)).toBe(true);
        for (let index = 1; index < ranked.length; index += 1) {
          const [before, after] = [ranked[index - 1]!, ranked[index]!];
          expect((before.nps ?? -Infinity) >= (after.nps ?? -Infinity)).toBe(true);
          if (before.nps === after.nps) expect(before.tens).toBeGreaterThanOrEqual(after.tens);
        }
        const ids = notEnoughAnswers.map((row) => row.employeeId);
        expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }),
    );
  });

  it('does not change the rows it was given', () => {
    const rows = [person('e-2', 40, 0), person('e-1', 40, 50)];
    rankPeople(rows, 30);
    expect(rows.map((row) => row.employeeId)).toEqual(['e-2', 'e-1']);
  });
});
