/**
 * `npm run tools`: builds the Go tools into .tools/bin now — FerretDB (npm start and npm test
 * also build it on first use) and stripe-mock (Stripe's API mock, for the payment tests).
 */
import { FERRETDB, STRIPE_MOCK, ensureGoTool, ToolUnavailableError } from '../src/shared/db/go-tools.js';

try {
  for (const tool of [FERRETDB, STRIPE_MOCK]) {
    const path = await ensureGoTool(tool, (line) => console.log(line));
    console.log(`${tool.name} ${tool.version} ready: ${path}`);
  }
} catch (error) {
  console.error(error instanceof ToolUnavailableError ? error.message : error);
  process.exit(1);
}
