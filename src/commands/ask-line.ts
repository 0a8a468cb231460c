// One typed answer on the terminal (the batch's and the batch undo's count), the prompt on stderr;
// null when it was interrupted (Ctrl-C, end of input).
import { createInterface } from 'node:readline/promises';

export async function askLine(question: string): Promise<string | null> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const interrupted = new Promise<null>((done) =>
    rl.once('SIGINT', () => done(null)).once('close', () => done(null)),
  );
  try {
    return await Promise.race([rl.question(question), interrupted]);
  } finally {
    rl.close();
  }
}
