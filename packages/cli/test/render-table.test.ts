import { expect } from 'chai';
import { renderTable, type Column } from '@csp-onprem/cli';

interface Row {
  readonly name: string;
  readonly count: number;
}

const columns: readonly Column<Row>[] = [
  { header: 'name', cell: (row) => row.name },
  { header: 'count', cell: (row) => String(row.count), align: 'right' },
];

describe('renderTable', () => {
  it('pads every column to its widest cell, right-aligns numbers and rules off the header', () => {
    const lines = renderTable(columns, [
      { name: 'SQL Server 2019 Standard', count: 8 },
      { name: 'Windows', count: 1234 },
    ]);
    expect(lines).to.deep.equal([
      'name                      count',
      '------------------------  -----',
      'SQL Server 2019 Standard      8',
      'Windows                    1234',
    ]);
  });

  it('keeps each row on one line even when a cell holds a line break', () => {
    const lines = renderTable(columns, [{ name: 'two\nlines', count: 1 }]);
    expect(lines).to.have.length(3);
    expect(lines[2]).to.equal('two lines      1');
  });

  it('says (none) for an empty table instead of printing a bare header', () => {
    expect(renderTable(columns, [])).to.deep.equal(['(none)']);
  });
});
