// Process entry of the `klivira` command.
import { run } from './main.ts';

process.exitCode = await run(process.argv.slice(2));
