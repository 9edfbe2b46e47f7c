import fc from 'fast-check';
import { parseCsv } from '#testing';
import { csvCell, csvLine } from './csv.js';

describe('CSV cells', () => {
  it('quotes a cell with a quote, a comma or a line break, doubling its quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Karimi, Neda')).toBe('"Karimi, Neda"');
    expect(csvCell('the "best"')).toBe('"the ""best"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes nothing for a missing value and numbers as they are', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(10)).toBe('10');
    expect(csvCell(-3)).toBe('-3');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+98 912')).toBe("'+98 912");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('reads back as written, but for the guard, for any text (Persian included)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'ب', ' ', ',', '"', '\n', '\r', '=', '+', '-', '@', "'"),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(text, fc.integer()), { minLength: 1, maxLength: 5 }), { minLength: 1 }),
        (rows) => {
          const parsed = parseCsv(rows.map((cells) => csvLine(cells)).join(''));
          expect(parsed).toEqual(
            rows.map((cells) =>
              cells.map((cell) =>
                typeof cell === 'number' ? String(cell) : /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell,
              ),
            ),
          );
        },
      ),
    );
  });

  it('ends every line with CRLF', () => {
    expect(csvLine(['a', null, 3])).toBe('a,,3\r\n');
  });
});
