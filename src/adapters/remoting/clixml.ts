// powershell.exe writes its error stream as CLIXML ("#< CLIXML" then XML) when started with
// -EncodedCommand and its streams are not a console, as they are under ssh and WinRM. Reading it
// back gives the technician the sentence PowerShell meant, not XML.

const MARKER = '#< CLIXML';

/** The text of the string records in a CLIXML stream; other text is kept as it was. */
export function decodeClixml(text: string): string {
  if (!text.includes(MARKER)) return text;
  const out: string[] = [];
  for (const part of text.split(MARKER)) {
    const xmlStart = part.indexOf('<Objs');
    if (xmlStart < 0) {
      if (part.trim()) out.push(part);
      continue;
    }
    if (part.slice(0, xmlStart).trim()) out.push(part.slice(0, xmlStart));
    // Only <S> records (error, warning, verbose, debug, information); progress is noise.
    for (const match of part.slice(xmlStart).matchAll(/<S(?:\s+S="([^"]*)")?>([\s\S]*?)<\/S>/g)) {
      out.push(unescapeClixml(match[2] ?? ''));
    }
  }
  return out.join('');
}

function unescapeClixml(value: string): string {
  // XML entities are the outer layer, PowerShell's _xHHHH_ escapes the inner one.
  return value
    .replace(/&(lt|gt|quot|apos|amp|#x[0-9A-Fa-f]+|#\d+);/g, (_, entity: string) => {
      switch (entity) {
        case 'lt':
          return '<';
        case 'gt':
          return '>';
        case 'quot':
          return '"';
        case 'apos':
          return "'";
        case 'amp':
          return '&';
        default:
          return String.fromCodePoint(
            entity.startsWith('#x')
              ? Number.parseInt(entity.slice(2), 16)
              : Number.parseInt(entity.slice(1), 10),
          );
      }
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
