import { DirectoryService } from '#directory';
import { withLadder } from './ladder-context.js';

/** `ladder directory import <file>`: replaces the stored directory with the file's regions, stores and employees. */
export async function directoryCommand(args: string[]): Promise<void> {
  const [action, file] = args;
  if (action !== 'import' || !file) throw new Error('usage: ladder directory import <file.yaml|file.json>');
  await withLadder([], async (app) => {
    const counts = await app.get(DirectoryService).importFile(file);
    process.stdout.write(
      `Imported ${file}: ${counts.regions} region(s), ${counts.stores} store(s), ${counts.employees} employee(s).\n`,
    );
  });
}
