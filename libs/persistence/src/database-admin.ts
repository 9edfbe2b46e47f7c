import pg from 'pg';

function maintenanceUrl(databaseUrl: string): { url: string; database: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL names no database');
  url.pathname = '/postgres';
  return { url: url.toString(), database };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs `work` on a connection to the server's `postgres` database, for statements about `databaseUrl`'s. */
export async function withMaintenanceClient<T>(
  databaseUrl: string,
  work: (client: pg.Client, database: string) => Promise<T>,
) {
  const { url, database } = maintenanceUrl(databaseUrl);
  const client = new pg.Client({ connectionString: url, application_name: 'ladder-admin' });
  await client.connect();
  try {
    return await work(client, database);
  } finally {
    await client.end();
  }
}

/** Creates the database DATABASE_URL names when it does not exist (local stack, demo, tests). */
export async function ensureDatabase(databaseUrl: string, template?: string): Promise<boolean> {
  return withMaintenanceClient(databaseUrl, async (client, database) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount) return false;
    const templateClause = template ? ` TEMPLATE ${quoteIdentifier(template)}` : '';
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(database)}${templateClause}`);
    } catch (error) {
      // Another process created it between the check and the create.
      if ((error as { code?: string }).code !== '42P04') throw error;
      return false;
    }
    return true;
  });
}
