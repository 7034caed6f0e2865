/** `npm run tools`: builds the Go tools into .tools/bin now (npm start and npm test also do it on first use). */
import { FERRETDB, ensureGoTool, ToolUnavailableError } from '../src/shared/db/go-tools.js';

try {
  const path = await ensureGoTool(FERRETDB, (line) => console.log(line));
  console.log(`ferretdb ready: ${path}`);
} catch (error) {
  console.error(error instanceof ToolUnavailableError ? error.message : error);
  process.exit(1);
}
