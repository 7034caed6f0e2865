/**
 * Builds the Go tools the project runs beside Node (FerretDB now, stripe-mock for payment tests)
 * into the git-ignored `.tools/bin`, once, from the Go module proxy. Nothing is downloaded at run
 * time once they are built.
 *
 * Why not a plain `go install …/ferretdb@v1.24.2`: the binary it produces panics at start
 * ("Invalid build/version/version.txt file content") because the published module carries no
 * version.txt. We therefore download the module, write that file, and `go build` it.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, TOOLS_BIN_DIR } from '../paths.js';

export interface GoTool {
  name: string;
  module: string;
  version: string;
  /** Package path inside the module to build. */
  pkg: string;
  /** Some modules need files written before they build correctly. */
  prepare?: (sourceDir: string) => Promise<void>;
  /** Extra `go build` flags. */
  buildFlags?: string[];
}

export const FERRETDB: GoTool = {
  name: 'ferretdb',
  module: 'github.com/FerretDB/FerretDB',
  version: 'v1.24.2',
  pkg: './cmd/ferretdb',
  prepare: async (dir) => fs.writeFile(path.join(dir, 'build', 'version', 'version.txt'), 'v1.24.2\n'),
};

export const STRIPE_MOCK: GoTool = {
  name: 'stripe-mock',
  module: 'github.com/stripe/stripe-mock',
  version: 'v0.197.0',
  pkg: '.',
  // Its module ships a partial vendor/modules.txt; resolve dependencies from go.sum instead.
  buildFlags: ['-mod=mod'],
};

export class ToolUnavailableError extends Error {
  override name = 'ToolUnavailableError';
}

type Progress = (line: string) => void;

export function toolPath(tool: GoTool): string {
  return path.join(TOOLS_BIN_DIR, tool.name);
}

function stampPath(tool: GoTool): string {
  return `${toolPath(tool)}.version`;
}

async function isBuilt(tool: GoTool): Promise<boolean> {
  if (!existsSync(toolPath(tool))) return false;
  try {
    return (await fs.readFile(stampPath(tool), 'utf8')).trim() === tool.version;
  } catch {
    return false;
  }
}

export function goAvailable(): boolean {
  const probe = spawnSync('go', ['version'], { stdio: 'ignore' });
  return probe.status === 0;
}

function run(command: string, args: string[], cwd: string, progress: Progress): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, GOFLAGS: '-buildvcs=false' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.trim()) progress(`  ${line.trim()}`);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}): ${stderr.slice(-2000)}`)),
    );
  });
}

/** Makes sure the tool's binary exists in .tools/bin, building it if needed; returns its path. */
export async function ensureGoTool(tool: GoTool, progress: Progress = () => {}): Promise<string> {
  if (await isBuilt(tool)) return toolPath(tool);
  if (!goAvailable()) {
    throw new ToolUnavailableError(
      `Cannot build ${tool.name} ${tool.version}: Go is not installed — ` +
        'install Go (https://go.dev/dl/) or set MONGODB_URI to an existing MongoDB.',
    );
  }
  const started = Date.now();
  const ticker = setInterval(
    () => progress(`  … still building ${tool.name} (${Math.round((Date.now() - started) / 1000)} s)`),
    15_000,
  );
  try {
    progress(`Building ${tool.name} ${tool.version} into .tools/bin (first time only; this takes a minute or more)…`);
    const info = JSON.parse(
      await run('go', ['mod', 'download', '-json', `${tool.module}@${tool.version}`], PROJECT_ROOT, progress),
    ) as {
      Dir?: string;
      Error?: string;
    };
    if (!info.Dir) throw new Error(`go mod download gave no source folder: ${info.Error ?? 'unknown error'}`);
    const sourceDir = path.join(PROJECT_ROOT, '.tools', 'src', `${tool.name}@${tool.version}-${process.pid}`);
    await fs.rm(sourceDir, { recursive: true, force: true });
    await fs.cp(info.Dir, sourceDir, { recursive: true });
    await run('chmod', ['-R', 'u+w', sourceDir], PROJECT_ROOT, progress);
    await tool.prepare?.(sourceDir);
    await fs.mkdir(TOOLS_BIN_DIR, { recursive: true });
    const tmpBinary = `${toolPath(tool)}.${process.pid}.tmp`;
    await run('go', ['build', ...(tool.buildFlags ?? []), '-o', tmpBinary, tool.pkg], sourceDir, progress);
    // Rename is atomic, so a second process building at the same time never sees half a binary.
    await fs.rename(tmpBinary, toolPath(tool));
    await fs.writeFile(stampPath(tool), `${tool.version}\n`);
    await fs.rm(sourceDir, { recursive: true, force: true });
    progress(`Built ${tool.name} ${tool.version} in ${Math.round((Date.now() - started) / 1000)} s.`);
    return toolPath(tool);
  } finally {
    clearInterval(ticker);
  }
}
