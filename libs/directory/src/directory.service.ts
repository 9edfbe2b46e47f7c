import { directorySchema, jobRequest, type Directory } from '#contracts';
import { TransactionalOutbox } from '#outbox';
import { DirectoryRepository, type DirectoryCounts, type StoreContact } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { parse as parseYaml } from 'yaml';
import { DirectoryError } from './directory.error.js';

/** Parses and checks a directory (YAML or JSON, DESIGN.md §4.4). */
export function parseDirectory(text: string, source: string): Directory {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new DirectoryError(source, [`it is not valid YAML or JSON: ${(error as Error).message}`]);
  }
  const parsed = directorySchema.safeParse(document ?? {});
  if (!parsed.success) {
    throw new DirectoryError(
      source,
      parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** Regions, stores and employees: who manages which store, in which time zone and language. */
@Injectable()
export class DirectoryService {
  private readonly logger = new Logger(DirectoryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly directories: DirectoryRepository,
    private readonly transactions: TransactionalOutbox,
  ) {}

  async importFile(path: string): Promise<DirectoryCounts> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new DirectoryError(path, [`it cannot be read: ${(error as Error).message}`]);
    }
    return this.importDirectory(parseDirectory(text, path));
  }

  /**
   * Replaces the stored directory. A store whose follow-up SLA changed gets its open cases rescheduled
   * (decided in the same transaction, so it cannot be forgotten).
   */
  async importDirectory(directory: Directory): Promise<DirectoryCounts> {
    const { counts, slaChanges } = await this.transactions.run(async ({ manager, publish }) => {
      const before = await this.directories.slaByStore(manager);
      const counts = await this.directories.replace(manager, directory);
      const after = await this.directories.slaByStore(manager);
      const changed = [...after]
        .filter(([storeId, sla]) => before.has(storeId) && before.get(storeId) !== sla)
        .map(([storeId]) => storeId);
      publish(
        changed.map((storeId) => ({
          kind: 'job' as const,
          job: jobRequest('reschedule-store-cases', `${storeId}/${Date.now()}`, { storeId }),
        })),
      );
      return { counts, slaChanges: changed.length };
    });
    this.logger.log({ message: 'directory imported', ...counts, slaChanges });
    return counts;
  }

  findStore(storeId: string): Promise<StoreContact | null> {
    return this.directories.findStore(this.dataSource.manager, storeId);
  }

  counts(): Promise<DirectoryCounts> {
    return this.directories.counts(this.dataSource.manager);
  }
}
