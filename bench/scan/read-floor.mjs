// The I/O floor of a single-threaded Node scanner: walk the corpus and read every file into one
// reused buffer with synchronous reads (as the CLI does), detecting nothing. Prints the bytes read.
// Plain JavaScript so that no TypeScript loader adds to the start-up time being compared.
import { closeSync, fstatSync, openSync, readSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const INITIAL_BUFFER_BYTES = 64 * 1024;
let buffer = Buffer.allocUnsafe(INITIAL_BUFFER_BYTES);
let total = 0;

function readWhole(path) {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (buffer.length < size + 1) buffer = Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(size + 1)));
    for (let read = -1; read !== 0;) {
      read = readSync(fd, buffer, 0, buffer.length, null);
      total += read;
    }
  } finally {
    closeSync(fd);
  }
}

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile()) readWhole(path);
  }
}

walk(process.argv[2] ?? '.');
process.stdout.write(`${total}\n`);
