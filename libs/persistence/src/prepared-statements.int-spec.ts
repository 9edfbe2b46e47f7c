import { createTestEnvironment, type TestEnvironment } from '#testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source.js';
import { prepareStatementsOf } from './prepared-statements.js';
import { queryRows } from './query-rows.js';

/**
 * A worker names the statements it runs again and again, so PostgreSQL parses and plans each once per
 * connection; what it reads stays the same, and a migration that changes a table under it costs one retry.
 */
describe('prepared statements', () => {
  let environment: TestEnvironment;
  let dataSource: DataSource;
  const kept = async () =>
    (
      await queryRows<{ statement: string }>(
        dataSource.manager,
        'SELECT statement FROM pg_prepared_statements',
      )
    ).rows;

  beforeAll(async () => {
    environment = await createTestEnvironment('prepared');
    // One connection: what one statement prepared, the next one sees.
    dataSource = createDataSource({ databaseUrl: environment.config.databaseUrl, poolSize: 1 });
    await dataSource.initialize();
    prepareStatementsOf(dataSource);
    await dataSource.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY, label text)`);
    await dataSource.query(`INSERT INTO prepared_probe VALUES (1, 'one'), (2, 'two')`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await environment?.cleanup();
  });

  it('keeps a statement run again and again, and reads what the unnamed one read', async () => {
    const sql = 'SELECT label FROM prepared_probe WHERE id = $1';
    const labels: string[] = [];
    for (let run = 0; run < 6; run += 1)
      labels.push(
        (await queryRows<{ label: string }>(dataSource.manager, sql, [1 + (run % 2)])).rows[0]!.label,
      );
    expect(labels).toEqual(['one', 'two', 'one', 'two', 'one', 'two']);
    expect((await kept()).map((row) => row.statement)).toContain(sql);
    // Counted the same way as unnamed: an UPDATE's affected rows.
    const updated = await queryRows(
      dataSource.manager,
      'UPDATE prepared_probe SET label = label WHERE id <= $1',
      [2],
    );
    expect(updated.affected).toBe(2);
  });

  it('runs a statement built for one call unnamed, and one without parameters too', async () => {
    await queryRows(
      dataSource.manager,
      'SELECT label FROM prepared_probe WHERE id IN (1, 2) AND id > $1',
      [0],
    );
    for (let run = 0; run < 5; run += 1)
      await queryRows(dataSource.manager, 'SELECT count(*) FROM prepared_probe');
    const statements = (await kept()).map((row) => row.statement);
    expect(statements).not.toContain('SELECT label FROM prepared_probe WHERE id IN (1, 2) AND id > $1');
    expect(statements).not.toContain('SELECT count(*) FROM prepared_probe');
  });

  it('answers again after a value it could not send closed a kept statement', async () => {
    const sql = 'SELECT label FROM prepared_probe WHERE id = $1::int';
    for (let run = 0; run < 4; run += 1) await queryRows(dataSource.manager, sql, [1]);
    // node-postgres cannot write this value: it closes the statement on the server, yet keeps it as prepared.
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(queryRows(dataSource.manager, sql, [circular])).rejects.toThrow();
    const { rows } = await queryRows<{ label: string }>(dataSource.manager, sql, [2]);
    expect(rows).toEqual([{ label: 'two' }]);
  });

  it('answers again after a migration changed what a kept statement returns', async () => {
    const sql = 'SELECT * FROM prepared_probe WHERE id = $1';
    for (let run = 0; run < 4; run += 1) await queryRows(dataSource.manager, sql, [1]);
    expect((await kept()).map((row) => row.statement)).toContain(sql);
    await dataSource.query(`ALTER TABLE prepared_probe ADD COLUMN note text`);
    // Outside a transaction it is run again unnamed at once.
    const { rows } = await queryRows<{ id: number; note: string | null }>(dataSource.manager, sql, [1]);
    expect(rows).toEqual([{ id: 1, label: 'one', note: null }]);
    // From then on it is never named again, in a transaction as well.
    const again = await dataSource.transaction((manager) => queryRows(manager, sql, [2]));
    expect(again.rows).toEqual([{ id: 2, label: 'two', note: null }]);
  });
});
