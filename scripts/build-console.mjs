/** Writes the local console's bundled script (see console-bundle.mjs). */
import { writeFileSync } from 'node:fs';
import { CLIENT_MODULE, consoleClientModule, root } from './console-bundle.mjs';

writeFileSync(`${root}${CLIENT_MODULE}`, await consoleClientModule());
console.log(`wrote ${CLIENT_MODULE}`);
