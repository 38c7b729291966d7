/** The rpki-lens command line: the same core as the app, on Node. Exit codes: 0 ok, 1 failures, 2 usage. */
import { inspectCommand } from './inspect.ts';
import { USAGE, UsageError } from './usage.ts';
import { validateCommand } from './validate.ts';

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'inspect':
        return await inspectCommand(args);
      case 'validate':
        return await validateCommand(args);
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      default:
        throw new UsageError(command ? `unknown command ${command}` : 'no command');
    }
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`rpki-lens: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
