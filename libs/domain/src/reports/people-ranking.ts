/** What ranking needs of an employee's figures over a period. */
export interface RankableFigures {
  employeeId: string;
  responses: number;
  tens: number;
  nps: number | null;
}

/**
 * The people leaderboard (DESIGN.md §5, Huddle): employees with at least `minimumSample` answers are ranked
 * by NPS, then by the 10s they earned, then by id so equal figures keep one order; the others are never
 * ranked, only listed apart by id, however high their NPS.
 */
export function rankPeople<Row extends RankableFigures>(
  rows: readonly Row[],
  minimumSample: number,
): { ranked: Row[]; notEnoughAnswers: Row[] } {
  const byId = (a: Row, b: Row) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0);
  const ranked = rows
    .filter((row) => row.responses >= minimumSample && row.responses > 0)
    .sort((a, b) => (b.nps ?? -Infinity) - (a.nps ?? -Infinity) || b.tens - a.tens || byId(a, b));
  const notEnoughAnswers = rows
    .filter((row) => row.responses < minimumSample || row.responses === 0)
    .sort(byId);
  return { ranked, notEnoughAnswers };
}
