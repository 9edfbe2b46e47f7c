import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

/**
 * The dependency rules of CONVENTIONS.md ("Where code lives") are lint rules: each import below breaks one,
 * and lint must refuse it in the file it is written in, with the rule's own message.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = imported;\n`, { filePath });
  return result!.messages.map((message) => message.message);
}

describe('the boundaries lint enforces', () => {
  it('refuses an import from one app into another', async () => {
    expect(
      await problems('apps/api/src/cases/x.ts', "import { imported } from '../../../worker/src/index.js';"),
    ).toEqual([expect.stringContaining('An app never imports another app')]);
    expect(
      await problems('apps/cli/src/x.ts', "import { imported } from '../../api/src/api.module.js';"),
    ).toEqual([expect.stringContaining('An app never imports another app')]);
    expect(
      await problems('apps/worker/src/x.ts', "import { imported } from './scoring/scoring.consumer.js';"),
    ).toEqual([]);
  });

  it('refuses an import from a library into an app', async () => {
    expect(
      await problems(
        'libs/follow-up/src/x.ts',
        "import { imported } from '../../../apps/worker/src/index.js';",
      ),
    ).toEqual([expect.stringContaining('A library never imports an app')]);
    expect(await problems('libs/reports/src/x.ts', "import { imported } from '#server';")).toEqual([
      expect.stringContaining('A library never imports an app'),
    ]);
    expect(await problems('libs/reports/src/x.ts', "import { imported } from '#follow-up';")).toEqual([]);
  });

  it('refuses persistence in the wire formats', async () => {
    expect(await problems('libs/contracts/src/x.ts', "import { imported } from '#persistence';")).toEqual([
      expect.stringContaining('never imports persistence'),
    ]);
    expect(
      await problems('libs/contracts/src/x.ts', "import { imported } from '../../persistence/src/index.js';"),
    ).toEqual([expect.stringContaining('never imports persistence')]);
    expect(await problems('libs/contracts/src/x.ts', "import { imported } from '#domain';")).toEqual([]);
  });

  it('keeps dropping databases and removing topics and queues to the testing library', async () => {
    const drop = "const imported = (sql: (text: string) => void) => sql('DROP DATABASE ladder');";
    expect(await problems('libs/persistence/src/x.ts', drop)).toEqual([
      expect.stringContaining('Only libs/testing drops databases'),
    ]);
    expect(await problems('libs/testing/src/x.ts', drop)).toEqual([]);
    const obliterate = 'const imported = (queue: { obliterate(): void }) => queue.obliterate();';
    expect(await problems('apps/cli/src/x.ts', obliterate)).toEqual([
      expect.stringContaining('Only libs/testing removes topics'),
    ]);
  });

  it('keeps the domain pure', async () => {
    expect(await problems('libs/domain/src/x.ts', "import { imported } from 'typeorm';")).toEqual([
      expect.stringContaining('libs/domain is pure'),
    ]);
  });
});
