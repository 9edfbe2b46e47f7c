import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { ensureDebianCommand } from '#testing';

// How deploy/kubernetes.spec.ts renders the manifests and checks them against Kubernetes' schemas.

const KUBERNETES = fileURLToPath(new URL('./', import.meta.url));

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // Read through the kubernetes-models types where a test looks inside.
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
export const describeObject = (object: KubernetesObject) => `${object.kind}/${object.metadata.name}`;

/** Debian's kubectl has kustomize built in; components and `labels` need kustomize 5. */
function kubectl(): string {
  let path: string;
  try {
    path = ensureDebianCommand('/usr/bin/kubectl', 'kubectl');
  } catch (error) {
    throw new Error(
      `${(error as Error).message} Where apt has no kubectl (Debian 12's kubernetes-client is 1.20, its ` +
        'kustomize too old), install kubectl 1.27 or later from the Kubernetes project.',
      { cause: error },
    );
  }
  const version = JSON.parse(
    execFileSync(path, ['version', '--client', '-o', 'json'], { encoding: 'utf8' }),
  ) as {
    kustomizeVersion?: string;
  };
  const major = Number(/^v(\d+)/.exec(version.kustomizeVersion ?? '')?.[1]);
  if (!(major >= 5))
    throw new Error(`${path} has kustomize ${version.kustomizeVersion}; these manifests need 5 or later`);
  return path;
}

export function kustomize(directory: string): KubernetesObject[] {
  const output = execFileSync(kubectl(), ['kustomize', directory], { encoding: 'utf8', stdio: 'pipe' });
  return parseAllDocuments(output).map((document) => document.toJS() as KubernetesObject);
}

/** An overlay as a user would make it: production with every optional component. */
export function renderWithComponents(): KubernetesObject[] {
  const components = readdirSync(join(KUBERNETES, 'components'));
  const directory = mkdtempSync(join(tmpdir(), 'ladder-kustomize-'));
  try {
    writeFileSync(
      join(directory, 'kustomization.yaml'),
      JSON.stringify({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        namespace: 'ladder',
        // kustomize takes no absolute paths.
        resources: [relative(directory, join(KUBERNETES, 'overlays', 'production'))],
        components: components.map((component) =>
          relative(directory, join(KUBERNETES, 'components', component)),
        ),
      }),
    );
    return kustomize(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Where kubernetes-models keeps each API group's models and their JSON-schema validators. */
function modelPackage(apiVersion: string): string {
  if (apiVersion.startsWith('keda.sh/')) return `@kubernetes-models/keda/${apiVersion}`;
  if (apiVersion.startsWith('monitoring.coreos.com/'))
    return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  return `kubernetes-models/${apiVersion}`;
}

/** Validates each object against the JSON schema kubernetes-models generated from the official OpenAPI. */
export async function schemaErrors(objects: KubernetesObject[]): Promise<string[]> {
  const errors: string[] = [];
  for (const object of objects) {
    const models = (await import(modelPackage(object.apiVersion))) as Record<
      string,
      new (data: unknown) => { validate(): void }
    >;
    const Model = models[object.kind];
    if (!Model) {
      errors.push(`${describeObject(object)}: no model for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(`${describeObject(object)}: ${(error as Error).message}`);
    }
  }
  return errors;
}

/**
 * Kubernetes' OpenAPI leaves unknown fields open, so a misspelt field (`readinesProbe`) passes the JSON
 * schema, while the API server's strict field validation (kubectl's default) rejects it. The TypeScript types
 * generated from the same OpenAPI are closed: type-checking every object as a literal of its type finds them.
 */
export function unknownFieldErrors(objects: KubernetesObject[]): string[] {
  const fileName = join(KUBERNETES, 'rendered-objects.ts');
  const imports = objects.map(
    (object, index) =>
      `import type { I${object.kind} as T${index} } from '${modelPackage(object.apiVersion)}/${object.kind}';`,
  );
  const starts: number[] = [];
  let source = `${imports.join('\n')}\n`;
  objects.forEach((object, index) => {
    starts.push(source.length);
    source += `export const object${index}: T${index} = ${JSON.stringify(object, null, 2)};\n`;
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const original = {
    getSourceFile: host.getSourceFile,
    fileExists: host.fileExists,
    readFile: host.readFile,
  };
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName
      ? ts.createSourceFile(name, source, languageVersion, true)
      : original.getSourceFile(name, languageVersion, ...rest);
  host.fileExists = (name) => name === fileName || original.fileExists(name);
  host.readFile = (name) => (name === fileName ? source : original.readFile(name));
  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const start = diagnostic.start ?? 0;
    const index = starts.findLastIndex((objectStart) => objectStart <= start);
    const where = index >= 0 ? describeObject(objects[index]!) : diagnostic.file?.fileName;
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}
