// `--json` for a large result without one huge string: the same text JSON.stringify(value, null, 2)
// gives, written piece by piece (one array's items a chunk at a time, waiting for the pipe to
// drain), so a 50 000-user scan does not hold its whole JSON in memory at once.
const MARK = '"__syncmatch_stream_items__"';

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(text, (error) => (error ? reject(error) : undefined));
    if (ok) resolve();
    else stream.once('drain', () => resolve());
  });
}

/** Writes `value` as indented JSON plus a newline; the array under `key` goes out in chunks. */
export async function writeJsonStreaming(
  stream: NodeJS.WritableStream,
  value: Record<string, unknown>,
  key: string,
  chunk = 500,
): Promise<void> {
  const items = value[key];
  if (!Array.isArray(items) || items.length === 0) {
    await write(stream, `${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const head = JSON.stringify({ ...value, [key]: MARK.slice(1, -1) }, null, 2);
  const at = head.indexOf(MARK);
  const before = head.slice(0, at);
  const after = head.slice(at + MARK.length);
  // The array's own indentation: the spaces before its key on the line.
  const indent = before.slice(before.lastIndexOf('\n') + 1).match(/^ */)![0];
  const inner = `${indent}  `;
  await write(stream, `${before}[\n`);
  for (let i = 0; i < items.length; i += chunk) {
    const part = items
      .slice(i, i + chunk)
      .map((item) => inner + JSON.stringify(item, null, 2).replace(/\n/g, `\n${inner}`))
      .join(',\n');
    await write(stream, i + chunk < items.length ? `${part},\n` : `${part}\n`);
  }
  await write(stream, `${indent}]${after}\n`);
}
