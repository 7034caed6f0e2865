/** Absolute paths of the project's folders, independent of the working directory. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS_BIN_DIR = path.join(PROJECT_ROOT, '.tools', 'bin');
export const VIEWS_DIR = path.join(PROJECT_ROOT, 'views');
