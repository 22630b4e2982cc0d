import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.js';

describe('CSV cells', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvRow(['a;b', 'dit "oui"', 'deux\nlignes', 3, true, false, undefined])).toBe('"a;b";"dit ""oui""";"deux\nlignes";3;O;N;\r\n');
  });

  it('neutralises formulas but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+33 6')).toBe("'+33 6");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-12')).toBe('-12');
    expect(csvCell('-1,5')).toBe('-1,5');
  });
});
